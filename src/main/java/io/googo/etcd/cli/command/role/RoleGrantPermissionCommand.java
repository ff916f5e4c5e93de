package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.auth.Permission;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "grant-permission",
        description = {
            "Grants a role read, write or readwrite permission on a key,",
            "the range [KEY, END), every key with the prefix KEY (--prefix), or every key from KEY",
            "on (--from-key). An empty KEY with --prefix or --from-key means every key."
        })
public final class RoleGrantPermissionCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "The role's name.")
    String role;

    @Parameters(
            index = "1",
            paramLabel = "TYPE",
            completionCandidates = Types.class,
            description = "read, write or readwrite.")
    String type;

    @Parameters(index = "2", paramLabel = "KEY", description = "The key, or the start of the range.")
    String key;

    @Parameters(index = "3", paramLabel = "END", arity = "0..1", description = "The end of the range (exclusive).")
    String end;

    @Option(names = "--prefix", description = "Grant the permission on every key with the prefix KEY.")
    boolean prefix;

    @Option(names = "--from-key", description = "Grant the permission on every key from KEY on (byte order).")
    boolean fromKey;

    /** The permission types, for completion. */
    static final class Types extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Types() {
            super(java.util.List.of("read", "write", "readwrite"));
        }
    }

    @Override
    protected int run() {
        Permission p;
        try {
            p = Permission.of(
                    Permission.Type.parse(type),
                    key.getBytes(StandardCharsets.UTF_8),
                    end == null ? null : end.getBytes(StandardCharsets.UTF_8),
                    prefix,
                    fromKey);
        } catch (EtcdException e) {
            throw usage(e.getMessage()); // as etcdctl: a bad type or flags that contradict the arguments
        }
        out().ack(
                        AuthPrinter.Ack.of("role grant-permission", "role", role),
                        "Role " + role + " updated",
                        admin().roleGrantPermission(role, p));
        return 0;
    }
}
