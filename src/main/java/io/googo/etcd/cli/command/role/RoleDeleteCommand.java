package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Deletes a role (and revokes it from every user).")
public final class RoleDeleteCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The role's name.")
    String name;

    @Override
    protected int run() {
        out().ack(
                        AuthPrinter.Ack.of("role delete", "role", name),
                        "Role " + name + " deleted",
                        admin().roleDelete(name));
        return 0;
    }
}
