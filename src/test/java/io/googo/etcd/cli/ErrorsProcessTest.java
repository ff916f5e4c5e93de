package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failures of the packaged jar as a real process: which ones are a quiet 141 (our stdout's
 * reader went away) and which ones an {@code Error:} line.
 */
@ExtendWith(EtcdExtension.class)
class ErrorsProcessTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private ProcessBuilder gooetcd(EtcdProcess etcd, String... args) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of(CliProcessTest.LAUNCHER.toString(), "--endpoints", etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", CliProcessTest.freshHome().toString());
        pb.environment().put("GOOETCD_CDS", "off");
        pb.environment().remove("XDG_CONFIG_HOME");
        return pb;
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @Test
    void aReaderThatGoesAwayIsAQuiet141(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            in.append("{\"key\":\"")
                    .append(prefix.key(String.format("k%05d", i)))
                    .append("\",\"value\":\"")
                    .append("v".repeat(200))
                    .append("\"}\n");
        }
        Process load = start(gooetcd(etcd, "load"));
        try (OutputStream o = load.getOutputStream()) {
            o.write(in.toString().getBytes(StandardCharsets.UTF_8));
        }
        String loadErr = new String(load.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).as(loadErr).isTrue();
        assertThat(load.exitValue()).as(loadErr).isZero();

        // gooetcd get PREFIX --prefix | head -1
        Process get = start(gooetcd(etcd, "get", prefix.value(), "--prefix"));
        get.getOutputStream().close();
        String first;
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(get.getInputStream(), StandardCharsets.UTF_8))) {
            first = r.readLine();
        }
        String err = new String(get.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(get.waitFor(60, TimeUnit.SECONDS)).as(err).isTrue();
        assertThat(first).isEqualTo(prefix.key("k00000"));
        assertThat(get.exitValue()).as("stderr: " + err).isEqualTo(141);
        assertThat(err).as("no error line when our reader went away").isEmpty();
    }

    /**
     * A member killed in the middle of a {@code load}: the writes to its dead socket fail with
     * "Broken pipe" (or a reset), which is not our stdout closing. Some trials, since which of the
     * two the kernel reports depends on timing.
     */
    @Test
    void aLoadCutOffByItsMemberDyingIsAnErrorNot141(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < 3; trial++) {
            String key = prefix.key("t" + trial + "/");
            Process load = start(
                    gooetcd(etcd, "--dial-timeout", "2s", "--command-timeout", "3s", "load", "--concurrency", "4"));
            AtomicLong lines = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread feeder = new Thread(
                    () -> {
                        String value = "x".repeat(4000);
                        try (OutputStream o = load.getOutputStream()) {
                            for (long i = 0; !stop.get() && i < 2_000_000; i++) {
                                o.write(("{\"key\":\"" + key + i + "\",\"value\":\"" + value + "\"}\n")
                                        .getBytes(StandardCharsets.UTF_8));
                                lines.incrementAndGet();
                            }
                        } catch (IOException ignored) {
                            // the load ended
                        }
                    },
                    "feeder");
            feeder.setDaemon(true);
            feeder.start();
            Await.until(
                    Duration.ofSeconds(60),
                    () -> etcd.etcdctl("get", key, "--prefix", "--keys-only", "--limit", "1", "-w", "json")
                                    .out()
                                    .matches("(?s).*\"count\":[1-9].*")
                            || !load.isAlive(),
                    "keys of trial " + trial + " written by the load (fed " + lines.get() + " lines)");
            etcd.kill();
            Thread.sleep(200); // lines written after the kill: the load tries to send them
            stop.set(true);
            String out = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(load.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(load.waitFor(60, TimeUnit.SECONDS)).as(err).isTrue();
            String what = "trial " + trial + ": exit=" + load.exitValue() + "\n--- stdout ---\n" + out
                    + "--- stderr ---\n" + err;
            outcomes.add(what);
            assertThat(load.exitValue()).as(what).isNotIn(0, 141);
            assertThat(err).as(what).startsWith("Error: ").contains("keys before it were written");
            assertThat(err)
                    .as(what + "\n(a plain-http member that died is no TLS mismatch)")
                    .doesNotContain("if the server uses TLS");
            etcd.start();
        }
    }

    /**
     * A healthy member and a busy machine: busy loops on both cores and 20 gooetcd processes at once.
     * The time our own start-up waits for a CPU is not the server's, and the time the local etcd
     * waits for one is not held against it (ConnectPhase, LocalServer), so every put succeeds.
     */
    @Test
    void twentyConcurrentPutsOnABusyMachineAllSucceed(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        List<Process> burners = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                burners.add(new ProcessBuilder("timeout", "600", "sh", "-c", "while :; do :; done").start());
            }
            List<Process> puts = new ArrayList<>();
            List<Path> errs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Path err = Files.createTempFile("gooetcd-put", ".err");
                errs.add(err);
                ProcessBuilder pb = gooetcd(etcd, "put", prefix.key("c" + i), "v" + i);
                pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                puts.add(start(pb));
            }
            StringBuilder report = new StringBuilder();
            int failed = 0;
            for (int i = 0; i < puts.size(); i++) {
                Process p = puts.get(i);
                boolean done = p.waitFor(5, TimeUnit.MINUTES);
                int code = done ? p.exitValue() : -1;
                if (code != 0) {
                    failed++;
                }
                report.append("put ")
                        .append(i)
                        .append(": exit=")
                        .append(done ? code : "still running")
                        .append(' ')
                        .append(Files.readString(errs.get(i)).strip())
                        .append('\n');
            }
            assertThat(failed).as("puts that failed, of 20:\n" + report).isZero();
            String keys = etcd.etcdctl("get", prefix.value(), "--prefix", "--keys-only")
                    .assertOk()
                    .out();
            for (int i = 0; i < 20; i++) {
                assertThat(keys).as("key c" + i + "\n" + report).contains(prefix.key("c" + i));
            }
        } finally {
            // the loops are children of `timeout`: kill them too (a killed `timeout` leaves its child running)
            burners.forEach(b -> {
                b.descendants().forEach(ProcessHandle::destroyForcibly);
                b.destroyForcibly();
            });
        }
    }
}
