package io.googo.etcd.cli.command.snapshot;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.SnapshotStatusPrinter;
import io.googo.etcd.core.cluster.SnapshotStatus;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "status",
        description = {
            "Prints the hash, revision, total keys and total size of a snapshot file",
            "(or a member's db file), as etcdctl 3.4's 'snapshot status': read from the file, no server",
            "needed. A file that is not a sound etcd database (empty, truncated, corrupt) exits 3."
        })
public final class SnapshotStatusCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file.")
    Path file;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        SnapshotStatus s = SnapshotStatus.read(file);
        new SnapshotStatusPrinter(format(), ctx().stdout()).print(file, s);
        return 0;
    }
}
