package io.googo.etcd.cli.command.auth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        description = "Enables or disables authentication, or tells whether it is enabled.",
        subcommands = {AuthEnableCommand.class, AuthDisableCommand.class, AuthStatusCommand.class})
public final class AuthCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
