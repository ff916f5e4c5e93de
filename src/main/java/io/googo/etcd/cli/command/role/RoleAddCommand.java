package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Adds a role (with no permissions).")
public final class RoleAddCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The role's name.")
    String name;

    @Override
    protected int run() {
        out().ack(AuthPrinter.Ack.of("role add", "role", name), "Role " + name + " created", admin().roleAdd(name));
        return 0;
    }
}
