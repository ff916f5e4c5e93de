package io.googo.etcd.cli.command.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Shows and manages the cluster profile file.",
        subcommands = {
            ConfigViewCommand.class,
            ConfigListCommand.class,
            ConfigCurrentCommand.class,
            ConfigUseCommand.class
        })
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
