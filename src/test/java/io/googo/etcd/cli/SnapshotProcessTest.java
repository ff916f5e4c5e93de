package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshot save} stopped by a signal, as a real process: no partial file stays behind. */
@ExtendWith(EtcdExtension.class)
class SnapshotProcessTest {

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void sigtermDuringASaveLeavesNoFile(EtcdProcess etcd, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("snap.db");
        // a paused server accepts the connection and sends nothing: the save waits with its temporary file
        etcd.pause();
        Process p = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            CliProcessTest.LAUNCHER.toString(),
                            "--endpoints",
                            etcd.clientUrl(),
                            "--command-timeout",
                            "60s",
                            "snapshot",
                            "save",
                            file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
            p = pb.start();
            Process running = p;
            Await.until(
                    Duration.ofSeconds(30),
                    () -> {
                        try {
                            return !running.isAlive() || files(dir).stream().anyMatch(n -> n.endsWith(".part"));
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    "the temporary snapshot file to appear");
            assertThat(p.isAlive()).as("still saving").isTrue();
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(files(dir)).as("nothing left in " + dir).isEmpty();
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            etcd.resume();
        }
    }
}
