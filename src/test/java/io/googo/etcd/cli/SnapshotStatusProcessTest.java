package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.EtcdctlResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshot status} of a snapshot twice the size of its heap, as a real process: memory stays bounded. */
@ExtendWith(EtcdExtension.class)
class SnapshotStatusProcessTest {
    private static final int VALUES = 64;
    private static final int VALUE_SIZE = 1 << 20;

    @Test
    void aSnapshotLargerThanTheHeapIsReadPageByPage(EtcdProcess etcd, @TempDir Path dir) throws Exception {
        Random random = new Random(64);
        try (Client client = Client.builder().endpoints(etcd.clientUrl()).build()) {
            KV kv = client.getKVClient();
            List<CompletableFuture<?>> puts = new ArrayList<>();
            for (int i = 0; i < VALUES; i++) {
                byte[] v = new byte[VALUE_SIZE]; // random: nothing compresses it
                random.nextBytes(v);
                puts.add(kv.put(ByteSequence.from("big/" + i, StandardCharsets.UTF_8), ByteSequence.from(v)));
                if (puts.size() == 4) {
                    for (CompletableFuture<?> f : puts) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    puts.clear();
                }
            }
            for (CompletableFuture<?> f : puts) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        Path file = dir.resolve("big.db");
        assertOk(Cli.at(etcd.clientUrl()).global("--command-timeout", "60s").run("snapshot", "save", file.toString()));
        assertThat(Files.size(file)).as("the snapshot is twice the heap").isGreaterThan(64L << 20);

        ProcessBuilder pb = new ProcessBuilder(
                        CliProcessTest.LAUNCHER.toString(), "snapshot", "status", file.toString(), "-w", "etcdctl-json")
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        // after the launcher's own -Xmx: the last one counts
        pb.environment().put("GOOETCD_JAVA_OPTS", "-Xmx32m");
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as("status finished within 120 s")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String out = Files.readString(dir.resolve("out"));
        String err = Files.readString(dir.resolve("err"));
        String run = "exit " + p.exitValue() + " after " + millis + " ms\nstdout: " + out + "\nstderr: " + err;
        assertThat(p.exitValue()).as(run).isZero();
        EtcdctlResult c = etcd.etcdctl("snapshot", "status", file.toString(), "-w", "json")
                .assertOk();
        assertThat(out).as(run + "\netcdctl: " + c).isEqualTo(c.stdout());
    }
}
