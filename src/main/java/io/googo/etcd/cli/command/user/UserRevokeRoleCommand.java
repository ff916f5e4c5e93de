package io.googo.etcd.cli.command.user;

import io.googo.etcd.core.auth.AuthResult;
import picocli.CommandLine.Command;

@Command(name = "revoke-role", description = "Revokes a role from a user.")
public final class UserRevokeRoleCommand extends UserRoleCommand {
    @Override
    String verb() {
        return "revoke-role";
    }

    @Override
    String line() {
        return "Role " + role + " is revoked from user " + user;
    }

    @Override
    AuthResult apply() {
        return admin().userRevokeRole(user, role);
    }
}
