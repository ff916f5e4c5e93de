package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lock} and {@code elect} stopped by real SIGINT/SIGTERM (issue #15, item 8): one exit code for
 * each situation, whatever the timing on a busy machine. Held and released: 0 (as etcdctl). Stopped
 * before the lock was taken or leadership won: 5. Held, but the release cannot reach etcd: that
 * failure's code (2) and an {@code Error:} line, never the watchdog's 130/143 nor a silent 0.
 */
class LockSignalsProcessTest {
    static final String LAUNCHER = CliProcessTest.LAUNCHER.toAbsolutePath().toString();
    static final Duration PROCESS = Duration.ofMinutes(3);

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private record Proc(Process process, Path out, Path err) {
        String outText() {
            return read(out);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(PROCESS.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + PROCESS.toSeconds() + " s: " + this);
            }
            return process.exitValue();
        }

        void signal(String sig) throws Exception {
            new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        }

        @Override
        public String toString() {
            return "pid " + process.pid() + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err);
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private Proc gooetcd(String name, EtcdProcess e, String timeouts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER, "--endpoints", e.clientUrl()));
        cmd.addAll(List.of(timeouts.split(" ")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        started.add(p);
        return new Proc(p, out, err);
    }

    private static final String LONG = "--dial-timeout 60s --command-timeout 60s";

    private static int keys(EtcdProcess e, String prefix) {
        return (int) e.etcdctl("get", prefix, "--prefix", "--keys-only")
                .assertOk()
                .out()
                .lines()
                .filter(l -> !l.isEmpty())
                .count();
    }

    private static void assumeSigintDelivered(String sig) throws IOException {
        Assumptions.assumeFalse(
                sig.equals("INT") && LockProcessTest.sigintIgnored(),
                "SIGINT is ignored by this JVM's children (a background job of a shell)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void stoppedWhileWaitingExits5(String sig, TestPrefix prefix) throws Exception {
        assumeSigintDelivered(sig);
        String name = prefix.key("wait");
        Proc holder = gooetcd("holder", etcd.process(), LONG, "lock", name);
        Await.until(PROCESS, () -> !holder.outText().isEmpty(), "the holder to print its key");
        Proc waiter = gooetcd("waiter", etcd.process(), LONG, "lock", name);
        Await.until(PROCESS, () -> keys(etcd.process(), name + "/") == 2, "the waiter to queue");
        waiter.signal(sig);
        assertThat(waiter.awaitExit()).as(waiter.toString()).isEqualTo(5);
        assertThat(waiter.toString()).contains("Error: lock " + name + ": stopped by a signal");
        holder.signal("TERM");
        assertThat(holder.awaitExit()).as(holder.toString()).isZero();
        assertThat(keys(etcd.process(), name + "/")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void electStoppedWhileCampaigningExits5(String sig, TestPrefix prefix) throws Exception {
        assumeSigintDelivered(sig);
        String name = prefix.key("campaign");
        Proc leader = gooetcd("leader", etcd.process(), LONG, "elect", name, "one");
        Await.until(PROCESS, () -> leader.outText().endsWith("one\n"), "the first to lead");
        Proc second = gooetcd("second", etcd.process(), LONG, "elect", name, "two");
        Await.until(PROCESS, () -> keys(etcd.process(), name + "/") == 2, "the second to campaign");
        second.signal(sig);
        assertThat(second.awaitExit()).as(second.toString()).isEqualTo(5);
        assertThat(second.toString()).contains("Error: elect " + name + ": stopped by a signal");
        leader.signal(sig);
        assertThat(leader.awaitExit()).as(leader.toString()).isZero();
        assertThat(keys(etcd.process(), name + "/")).isZero();
    }

    /**
     * Held, then etcd stops answering: the release fails after the command timeout, which says so
     * (exit 2), instead of the stop watchdog's 130/143 (main before the fix, whose watchdog gave 5 s).
     */
    @ParameterizedTest
    @ValueSource(strings = {"lock", "elect"})
    void aReleaseThatCannotReachEtcdSaysSo(String command, TestPrefix prefix) throws Exception {
        String name = prefix.key("unreleased");
        List<String> args = command.equals("lock") ? List.of("lock", name) : List.of("elect", name, "p");
        Proc holder = gooetcd(
                "holder", etcd.process(), "--dial-timeout 60s --command-timeout 6s", args.toArray(new String[0]));
        Await.until(PROCESS, () -> !holder.outText().isEmpty(), "the holder to print its key");
        etcd.process().pause(); // resumed by the extension after the test
        try {
            holder.signal("TERM");
            assertThat(holder.awaitExit()).as(holder.toString()).isEqualTo(2);
            assertThat(holder.toString())
                    .containsPattern(
                            "Error: " + command + " " + name + ": (not released|did not resign): .*lease expires");
        } finally {
            etcd.process().resume();
        }
    }
}
