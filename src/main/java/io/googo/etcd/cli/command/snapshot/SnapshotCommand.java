package io.googo.etcd.cli.command.snapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Saves a snapshot of a member's backend database, or reports on a snapshot file.",
        subcommands = {SnapshotSaveCommand.class, SnapshotStatusCommand.class},
        footer = {
            "",
            "There is no 'snapshot restore': it writes a new member's data directory and WAL, an",
            "offline server tool. Use 'etcdutl snapshot restore' (etcd 3.5+) or etcdctl 3.4's."
        })
public final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
