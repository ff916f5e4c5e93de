package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code watch} runs on the direct transport alone: while it waits for its event the packaged jar
 * has no Vert.x thread ({@code jcmd Thread.print}), and from start to exit it loads no
 * {@code io.vertx} class ({@code -verbose:class}).
 */
@ExtendWith(EtcdExtension.class)
class WatchLeanProcessTest {
    private static final Path JAR = Path.of(System.getProperty("gooetcd.jar", "target/gooetcd.jar"));
    private static final Path BIN = Path.of(System.getProperty("java.home"), "bin");
    /** A generous ceiling: waits end as soon as their condition holds. */
    private static final Duration T = Duration.ofSeconds(120);

    @BeforeAll
    static void needsTheJar() {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "build target/gooetcd.jar first (make build)");
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("jcmd")), "needs a JDK with jcmd");
    }

    /** Collects a stream's bytes on a daemon thread. */
    private static ByteArrayOutputStream drain(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized String toString() {
                return toString(StandardCharsets.ISO_8859_1);
            }
        };
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return out;
    }

    private static String threads(long pid) {
        try {
            Process j = new ProcessBuilder(BIN.resolve("jcmd").toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            j.getOutputStream().close();
            byte[] b = j.getInputStream().readAllBytes();
            j.waitFor(60, TimeUnit.SECONDS);
            return new String(b, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean exited(Process p, long ms) {
        try {
            return p.waitFor(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWatchLoadsNoVertxClassAndStartsNoVertxThread(EtcdProcess etcd, TestPrefix p) throws Exception {
        String key = p.key("k");
        Process w = verboseWatch(etcd, key, "--max-events", "1");
        ByteArrayOutputStream out = drain(w.getInputStream());
        ByteArrayOutputStream err = drain(w.getErrorStream());
        try {
            // the command's thread waits in Watcher.poll once start() has opened the stream
            String[] dump = {""};
            Await.until(
                    T,
                    () -> {
                        if (!w.isAlive()) {
                            throw new AssertionError("the watch ended (exit " + w.exitValue() + "): " + err);
                        }
                        dump[0] = threads(w.pid());
                        return dump[0].contains("at io.googo.etcd.core.watch.Watcher.poll(");
                    },
                    "the watch process waiting in Watcher.poll");
            assertThat(dump[0].lines().filter(l -> l.startsWith("\"")).toList())
                    .as("threads of a waiting watch")
                    .isNotEmpty()
                    .noneMatch(l -> l.startsWith("\"vert.x-"));
            // and the event arrives, over the stream that was opened
            Await.until(
                    T,
                    () -> {
                        etcd.etcdctl("put", key, "v").assertOk();
                        return exited(w, 500);
                    },
                    "the watch to print its event and exit");
        } finally {
            w.destroy();
        }
        assertThat(w.waitFor(T.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String text = out.toString();
        List<String> printed = text.lines().filter(l -> !l.startsWith("[")).toList();
        assertThat(w.exitValue())
                .as("exit of the watch; stdout=%s stderr=%s", printed, err)
                .isZero();
        assertThat(printed).as("stderr: %s", err).containsExactly("PUT", key, "v");
        assertThat(text.lines().filter(l -> l.contains("class,load") && l.contains(" io.vertx.")))
                .as("Vert.x classes loaded by watch")
                .isEmpty();
    }

    /** {@code -w json} streams its events by hand: no ObjectMapper (~500 classes and a calendar) is set up. */
    @Test
    void aJsonWatchSetsUpNoObjectMapper(EtcdProcess etcd, TestPrefix p) throws Exception {
        String key = p.key("k");
        etcd.etcdctl("put", key, "v").assertOk();
        Process w = verboseWatch(etcd, key, "--rev", "1", "--max-events", "1", "-w", "json");
        ByteArrayOutputStream out = drain(w.getInputStream());
        ByteArrayOutputStream err = drain(w.getErrorStream());
        assertThat(w.waitFor(T.toSeconds(), TimeUnit.SECONDS))
                .as("the watch to exit: %s", err)
                .isTrue();
        String text = out.toString();
        List<String> printed = text.lines().filter(l -> !l.startsWith("[")).toList();
        assertThat(w.exitValue()).as("exit; stdout=%s stderr=%s", printed, err).isZero();
        assertThat(printed).as("stderr: %s", err).singleElement().asString().startsWith("{\"type\":\"PUT\",\"key\":");
        assertThat(text.lines().filter(l -> l.contains("class,load") && l.contains(" com.fasterxml.jackson.databind.")))
                .as("Jackson databind classes loaded by watch -w json")
                .isEmpty();
    }

    /** {@code gooetcd watch ARGS} on this build's java and jar with {@code -verbose:class}, its stdin closed. */
    private static Process verboseWatch(EtcdProcess etcd, String... args) throws java.io.IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                BIN.resolve("java").toString(),
                "-verbose:class",
                "-jar",
                JAR.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "--dial-timeout",
                "60s",
                "--command-timeout",
                "60s",
                "watch"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        Process w = pb.start();
        w.getOutputStream().close();
        return w;
    }
}
