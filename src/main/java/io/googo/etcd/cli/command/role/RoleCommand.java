package io.googo.etcd.cli.command.role;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "role",
        mixinStandardHelpOptions = true,
        description = "Adds, deletes, lists and shows roles, grants and revokes their key permissions.",
        subcommands = {
            RoleAddCommand.class,
            RoleDeleteCommand.class,
            RoleGetCommand.class,
            RoleListCommand.class,
            RoleGrantPermissionCommand.class,
            RoleRevokePermissionCommand.class
        })
public final class RoleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
