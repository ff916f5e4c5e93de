package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.output.AuthPrinter;
import io.googo.etcd.core.auth.AuthResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        description = {
            "Adds a user. The password: NAME:PASSWORD, --new-user-password, or asked for",
            "(see --interactive); --no-password for a user who logs in with a TLS client certificate only."
        })
public final class UserAddCommand extends PasswordCommand {
    @Parameters(
            index = "0",
            paramLabel = "NAME[:PASSWORD]",
            description = "The user's name, with its password after a colon.")
    String arg;

    @Option(
            names = "--new-user-password",
            paramLabel = "PASSWORD",
            description = "The password (visible to other users of this machine while the command runs).")
    String newUserPassword;

    @Option(names = "--no-password", description = "A user without a password (TLS common name auth only).")
    boolean noPassword;

    @Override
    protected int run() throws Exception {
        String user;
        AuthResult r;
        if (noPassword) {
            user = arg;
            r = admin().userAddNoPassword(user);
        } else {
            String password;
            if (newUserPassword != null && !newUserPassword.isEmpty()) {
                user = arg;
                password = newUserPassword;
            } else {
                int colon = arg.indexOf(':');
                if (colon < 0) {
                    user = arg;
                    password = readPassword(user);
                } else {
                    user = arg.substring(0, colon);
                    password = arg.substring(colon + 1);
                    if (user.isEmpty()) {
                        throw usage("empty user name is not allowed");
                    }
                }
            }
            r = admin().userAdd(user, password);
        }
        out().ack(AuthPrinter.Ack.of("user add", "user", user), "User " + user + " created", r);
        return 0;
    }
}
