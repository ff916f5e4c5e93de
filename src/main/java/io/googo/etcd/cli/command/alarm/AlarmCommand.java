package io.googo.etcd.cli.command.alarm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "alarm",
        mixinStandardHelpOptions = true,
        description = "Lists or disarms alarms (NOSPACE: the backend quota is full).",
        subcommands = {AlarmListCommand.class, AlarmDisarmCommand.class})
public final class AlarmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
