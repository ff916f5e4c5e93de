package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Deletes a user.")
public final class UserDeleteCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
    String name;

    @Override
    protected int run() {
        out().ack(
                        AuthPrinter.Ack.of("user delete", "user", name),
                        "User " + name + " deleted",
                        admin().userDelete(name));
        return 0;
    }
}
