package io.googo.etcd.cli.command.snapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Saves a snapshot of a member's backend database, or reports on a snapshot file.",
        subcommands = {SnapshotSaveCommand.class, SnapshotStatusCommand.class})
public final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
