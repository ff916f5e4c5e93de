package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke-role", description = "Revokes a role from a user.")
public final class UserRevokeRoleCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "The user's name.")
    String user;

    @Parameters(index = "1", paramLabel = "ROLE", description = "The role's name.")
    String role;

    @Override
    protected int run() {
        out().ack(
                        AuthPrinter.Ack.of("user revoke-role", "user", user, "role", role),
                        "Role " + role + " is revoked from user " + user,
                        admin().userRevokeRole(user, role));
        return 0;
    }
}
