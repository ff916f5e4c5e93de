package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.output.AuthPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "passwd", description = "Changes a user's password (asked for, see --interactive).")
public final class UserPasswdCommand extends PasswordCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
    String name;

    @Override
    protected int run() throws Exception {
        String password = readPassword(name);
        out().ack(
                        AuthPrinter.Ack.of("user passwd", "user", name),
                        "Password updated",
                        admin().userChangePassword(name, password));
        return 0;
    }
}
