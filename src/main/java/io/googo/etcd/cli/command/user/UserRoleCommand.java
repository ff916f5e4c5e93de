package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import io.googo.etcd.core.auth.AuthResult;
import picocli.CommandLine.Parameters;

/** {@code user grant-role} and {@code user revoke-role}: USER ROLE, one change, one acknowledgement. */
abstract class UserRoleCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "The user's name.")
    String user;

    @Parameters(index = "1", paramLabel = "ROLE", description = "The role's name.")
    String role;

    /** The subcommand's name after {@code user}, e.g. {@code grant-role}. */
    abstract String verb();

    /** The simple-format line, e.g. {@code Role r is granted to user u}. */
    abstract String line();

    /** Makes the change on the server. */
    abstract AuthResult apply();

    @Override
    protected final int run() {
        out().ack(AuthPrinter.Ack.of("user " + verb(), "user", user, "role", role), line(), apply());
        return 0;
    }
}
