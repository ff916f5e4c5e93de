package io.googo.etcd.cli.command.user;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Adds, deletes, lists and shows users, changes passwords, grants and revokes roles.",
        subcommands = {
            UserAddCommand.class,
            UserDeleteCommand.class,
            UserGetCommand.class,
            UserListCommand.class,
            UserPasswdCommand.class,
            UserGrantRoleCommand.class,
            UserRevokeRoleCommand.class
        })
public final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
