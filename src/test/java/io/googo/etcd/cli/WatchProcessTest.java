package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/gooetcd watch} as a real process: SIGTERM and SIGINT end it cleanly with exit 0. */
@ExtendWith(EtcdExtension.class)
class WatchProcessTest {
    private static final Path LAUNCHER = Path.of("bin", "gooetcd").toAbsolutePath();
    private static final Path JAR = Path.of("target", "gooetcd.jar").toAbsolutePath();
    /** A generous ceiling for what a process does (waits end as soon as their condition holds). */
    private static final Duration T = Duration.ofSeconds(120);

    @BeforeAll
    static void needsTheJar() {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "build target/gooetcd.jar first (make build)");
    }

    /** A running {@code gooetcd} whose stdout lines and stderr are collected as they come. */
    private static final class Running {
        final Process process;
        final List<String> out = Collections.synchronizedList(new ArrayList<>());
        final StringBuffer err = new StringBuffer();

        Running(String... args) throws IOException {
            // connection timeouts for a busy machine: these tests are about signals, not a loaded JVM's first answer
            List<String> cmd =
                    new ArrayList<>(List.of(LAUNCHER.toString(), "--dial-timeout", "60s", "--command-timeout", "60s"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("GOOETCD_JAR", JAR.toString());
            process = pb.start();
            process.getOutputStream().close();
            reader(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
            reader(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
        }

        private void reader(BufferedReader r, boolean stdout) {
            Thread t = new Thread(() -> {
                try (r) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        if (stdout) {
                            out.add(l);
                        } else {
                            err.append(l).append('\n');
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(T.toSeconds(), TimeUnit.SECONDS))
                    .as("the process ended; " + this)
                    .isTrue();
            return process.exitValue();
        }

        @Override
        public String toString() {
            return "stdout=" + out + " stderr=" + err;
        }
    }

    /** Writes keys under the prefix until the watch has printed {@code n} lines. */
    private static void writeUntil(EtcdProcess etcd, TestPrefix p, Running w, int n) {
        AtomicInteger i = new AtomicInteger();
        try {
            awaitLines(etcd, p, w, n, i);
        } catch (AssertionError e) {
            // what the watch printed by then (the message of Await is made before the wait)
            throw new AssertionError(e.getMessage() + "; after " + i.get() + " puts: " + w, e);
        }
    }

    private static void awaitLines(EtcdProcess etcd, TestPrefix p, Running w, int n, AtomicInteger i) {
        Await.until(
                T,
                () -> {
                    if (w.out.size() >= n) {
                        return true;
                    }
                    if (!w.process.isAlive()) {
                        throw new AssertionError(
                                "the watch ended (exit " + w.process.exitValue() + ") before printing " + n + " lines");
                    }
                    etcd.etcdctl("put", p.key("k" + i.getAndIncrement()), "v").assertOk();
                    return w.out.size() >= n;
                },
                n + " lines from the watch");
    }

    @Test
    void sigtermEndsTheWatchWithExit0(EtcdProcess etcd, TestPrefix p) throws Exception {
        Running w = new Running("watch", "--endpoints", etcd.clientUrl(), "--prefix", p.value(), "-w", "json");
        writeUntil(etcd, p, w, 1);
        w.process.destroy(); // SIGTERM
        assertThat(w.exitCode()).as(w.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String l : w.out) {
            assertThat(json.readTree(l).get("type").asText()).isEqualTo("PUT");
        }
        assertThat(w.err.toString()).isEmpty();
    }

    @Test
    void sigintEndsTheWatchWithExit0(EtcdProcess etcd, TestPrefix p) throws Exception {
        Running w = new Running("watch", "--endpoints", etcd.clientUrl(), "--prefix", p.value());
        writeUntil(etcd, p, w, 3);
        new ProcessBuilder("kill", "-INT", Long.toString(w.process.pid()))
                .start()
                .waitFor();
        assertThat(w.exitCode()).as(w.toString()).isZero();
        assertThat(w.out.get(0)).isEqualTo("PUT");
    }

    @Test
    void sigtermStopsARunningCommandToo(EtcdProcess etcd, TestPrefix p) throws Exception {
        Running w = new Running("watch", "--endpoints", etcd.clientUrl(), "--prefix", p.value(), "--", "sleep", "60");
        writeUntil(etcd, p, w, 3);
        Await.until(
                T,
                () -> w.process
                        .descendants()
                        .anyMatch(h -> h.info().command().orElse("").endsWith("sleep")),
                "the command to run");
        List<ProcessHandle> children = w.process.descendants().toList();
        long started = System.nanoTime();
        w.process.destroy();
        assertThat(w.exitCode()).as(w.toString()).isZero();
        // well before `sleep 60` would end by itself, even on a busy machine
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as(w.toString())
                .isLessThan(Duration.ofSeconds(30));
        Await.until(T, () -> children.stream().noneMatch(ProcessHandle::isAlive), "the command to be gone");
    }
}
