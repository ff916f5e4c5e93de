package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.auth.Permission;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "revoke-permission",
        description = {
            "Revokes a role's permission on a key or range, given as it was",
            "granted (KEY [END], --prefix, --from-key)."
        })
public final class RoleRevokePermissionCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "The role's name.")
    String role;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key, or the start of the range.")
    String key;

    @Parameters(index = "2", paramLabel = "END", arity = "0..1", description = "The end of the range (exclusive).")
    String end;

    @Option(names = "--prefix", description = "Revoke the permission on the prefix KEY.")
    boolean prefix;

    @Option(names = "--from-key", description = "Revoke the permission on every key from KEY on.")
    boolean fromKey;

    @Override
    protected int run() {
        Permission p;
        try {
            p = Permission.of(
                    Permission.Type.READ,
                    key.getBytes(StandardCharsets.UTF_8),
                    end == null ? null : end.getBytes(StandardCharsets.UTF_8),
                    prefix,
                    fromKey);
        } catch (EtcdException e) {
            throw usage(e.getMessage());
        }
        out().roleRevokePermission(
                        role, key, p.key(), p.rangeEnd(), admin().roleRevokePermission(role, p.key(), p.rangeEnd()));
        return 0;
    }
}
