package io.googo.etcd.cli.command.user;

import io.googo.etcd.core.auth.AuthResult;
import picocli.CommandLine.Command;

@Command(name = "grant-role", description = "Grants a role to a user.")
public final class UserGrantRoleCommand extends UserRoleCommand {
    @Override
    String verb() {
        return "grant-role";
    }

    @Override
    String line() {
        return "Role " + role + " is granted to user " + user;
    }

    @Override
    AuthResult apply() {
        return admin().userGrantRole(user, role);
    }
}
