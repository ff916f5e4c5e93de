package io.googo.etcd.cli.command.snapshot;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.Humanize;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.ProgressLine;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.SnapshotResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "save",
        description = {
            "Streams a snapshot of the backend database of the member the client is",
            "connected to (pick one with --endpoints) into FILE: written to a temporary file beside",
            "it, synced, then renamed, so FILE is either the whole snapshot or untouched. Progress",
            "on stderr on a terminal. The server must keep sending: nothing for the command timeout",
            "fails the save."
        })
public final class SnapshotSaveCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to save the snapshot.")
    Path file;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = new ClusterAdmin(client());
        // on SIGINT/SIGTERM the JVM runs its shutdown hooks but does not interrupt this thread:
        // interrupt it, and let the JVM exit only once the save has deleted its temporary file
        Thread saving = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    saving.interrupt();
                    try {
                        finished.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "gooetcd-snapshot-cleanup");
        boolean hooked = addHook(hook);
        ProgressLine progress =
                ctx().stderrTerminal() ? new ProgressLine(err(), n -> "Saving snapshot: " + Humanize.bytes(n)) : null;
        try {
            SnapshotResult r = admin.snapshot(file, progress == null ? null : progress::update);
            if (progress != null) {
                progress.clear();
            }
            printer().snapshotSave(r);
            return 0;
        } finally {
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the save has finished
                }
            }
            if (progress != null) {
                progress.clear();
            }
        }
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** "Saving snapshot: 12 MB" on stderr, rewritten in place at most five times a second. */
}
