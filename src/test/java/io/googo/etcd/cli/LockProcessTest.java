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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock} and {@code elect} as real processes of the packaged CLI: mutual exclusion between processes
 * (and with etcdctl), a holder killed with SIGKILL, SIGTERM, exit codes through the launcher.
 *
 * <p>The contention tests run {@value #DEFAULT_ROUNDS} rounds per contender by default, not the 200 of the
 * issue: every round starts a JVM (about 0.8 s of CPU), and two contenders on a shared 2-core machine would
 * take 3 to 5 minutes. {@code -Dgooetcd.lock.rounds=200} runs the full count.
 */
@ExtendWith(EtcdExtension.class)
class LockProcessTest {
    static final int DEFAULT_ROUNDS = 40;
    static final int ROUNDS = Integer.getInteger("gooetcd.lock.rounds", DEFAULT_ROUNDS);
    static final String LAUNCHER = CliProcessTest.LAUNCHER.toAbsolutePath().toString();
    static final String ETCDCTL = System.getenv().getOrDefault("ETCDCTL_BIN", "etcdctl");
    /**
     * Budgets for a busy machine (every round starts a JVM, seconds each when both cores are
     * loaded): a contention test fails when no critical section has ended for {@code STALL}, or
     * at {@code CEILING} in all; a single process gets {@code PROCESS} to do its one thing.
     */
    static final Duration STALL = Duration.ofSeconds(120);

    static final Duration CEILING = Duration.ofMinutes(20);
    static final Duration PROCESS = Duration.ofMinutes(3);
    /**
     * Connection timeouts for a busy machine: these tests are about the lock, not about how fast
     * a starting JVM gets its first answer (with the default 5 s, a loaded machine made rounds
     * fail with "cannot connect").
     */
    static final String TIMEOUTS = "--dial-timeout 60s --command-timeout 60s";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    /** A started process whose stdout and stderr go to files, so that a test can poll them. */
    record Proc(Process process, Path out, Path err) {
        String outText() {
            return read(out);
        }

        String errText() {
            return read(err);
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout.toSeconds() + " s: " + this);
            }
            return process.exitValue();
        }

        /** Waits for the exit as long as {@code progress} changes (see {@link Await#untilProgressing}). */
        int awaitExit(Supplier<?> progress, String what) {
            Await.untilProgressing(STALL, CEILING, () -> !process.isAlive(), progress, what + " (" + this + ")");
            return process.exitValue();
        }

        @Override
        public String toString() {
            return "pid " + process.pid() + "\n--- stdout ---\n" + outText() + "\n--- stderr ---\n" + errText();
        }

        static List<String> readLines(Path p) {
            String text = read(p);
            return text.isEmpty() ? List.of() : text.lines().toList();
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Proc start(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
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

    private Proc gooetcd(String name, EtcdProcess etcd, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER, "--endpoints", etcd.clientUrl()));
        cmd.addAll(List.of(TIMEOUTS.split(" ")));
        cmd.addAll(List.of(args));
        return start(name, cmd);
    }

    private static List<String> keysUnder(EtcdProcess etcd, String prefix) {
        return etcd.etcdctl("get", prefix, "--prefix", "--keys-only")
                .assertOk()
                .out()
                .lines()
                .filter(l -> !l.isEmpty())
                .toList();
    }

    /** A shell loop: {@code rounds} times (or, when {@code until} is given, until that file exists) take the lock. */
    private Proc contender(String name, String lockCommand, Path log, int rounds, Path until) throws IOException {
        String cs = "echo start $$ >> " + log + "; echo end $$ >> " + log;
        String loop = until == null
                ? "i=0; while [ $i -lt " + rounds + " ]; do i=$((i+1)); "
                : "i=0; while [ ! -f " + until + " ] || [ $i -lt " + rounds + " ]; do i=$((i+1)); ";
        String script = loop + lockCommand + " -- sh -c '" + cs
                + "' || { echo \"round $i failed\" >&2; exit 1; }; done;" + " echo $i";
        return start(name, List.of("bash", "-c", script));
    }

    /** How far the contenders got: the critical sections in {@code log} so far, and its last line. */
    private static Supplier<String> sections(Path log) {
        return () -> {
            List<String> lines = Proc.readLines(log);
            return lines.size() / 2 + " critical sections done"
                    + (lines.isEmpty() ? "" : ", last log line '" + lines.get(lines.size() - 1) + "'");
        };
    }

    /** The log shows no overlap: every start is followed by the end of the same process. */
    private static void assertNoOverlap(Path log, int atLeast) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.size() % 2).as("complete critical sections").isZero();
        for (int i = 0; i < lines.size(); i += 2) {
            String start = lines.get(i);
            assertThat(start).as("line %d", i + 1).startsWith("start ");
            assertThat(lines.get(i + 1))
                    .as("line %d: the section that began on line %d ends first", i + 2, i + 1)
                    .isEqualTo("end " + start.substring("start ".length()));
        }
        assertThat(lines.size() / 2).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void twoProcessesNeverHoldTheLockAtOnce(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        String name = prefix.key("mutex");
        Path log = dir.resolve("log");
        String lock = LAUNCHER + " --endpoints " + etcd.clientUrl() + " " + TIMEOUTS + " lock " + name;
        Proc a = contender("a", lock, log, ROUNDS, null);
        Proc b = contender("b", lock, log, ROUNDS, null);
        assertThat(a.awaitExit(sections(log), "contender a's " + ROUNDS + " rounds"))
                .as(a.toString())
                .isZero();
        assertThat(b.awaitExit(sections(log), "contender b's " + ROUNDS + " rounds"))
                .as(b.toString())
                .isZero();
        assertNoOverlap(log, 2 * ROUNDS);
        assertThat(keysUnder(etcd, name + "/")).isEmpty();
    }

    @Test
    void gooetcdAndEtcdctlNeverHoldTheLockAtOnce(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        String name = prefix.key("mixed");
        Path log = dir.resolve("log");
        Path done = dir.resolve("done");
        int rounds = Math.max(10, ROUNDS / 2);
        Proc goo = start(
                "goo",
                List.of(
                        "bash",
                        "-c",
                        "i=0; while [ $i -lt " + rounds + " ]; do i=$((i+1)); "
                                + LAUNCHER + " --endpoints " + etcd.clientUrl() + " " + TIMEOUTS + " lock " + name
                                + " -- sh -c 'echo start $$ >> "
                                + log + "; echo end $$ >> " + log
                                + "' || { echo \"gooetcd round $i failed\" >&2; exit 1; }; done; touch "
                                + done));
        // etcdctl takes the lock over and over until gooetcd is done, so the two contend all along
        Proc ectl = contender("etcdctl", ETCDCTL + " --endpoints " + etcd.clientUrl() + " lock " + name, log, 1, done);
        assertThat(goo.awaitExit(sections(log), "gooetcd's " + rounds + " rounds"))
                .as(goo.toString())
                .isZero();
        assertThat(ectl.awaitExit(sections(log), "etcdctl's last round"))
                .as(ectl.toString())
                .isZero();
        int ectlRounds = Integer.parseInt(ectl.outText().strip());
        assertThat(ectlRounds).as("etcdctl rounds").isGreaterThanOrEqualTo(rounds);
        assertNoOverlap(log, rounds + ectlRounds);
        assertThat(keysUnder(etcd, name + "/")).isEmpty();
    }

    @Test
    void aHolderKilledWithSigkillFreesTheLockWithinItsTtl(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        String name = prefix.key("killed");
        Proc holder = gooetcd("holder", etcd, "lock", "--ttl", "2", name);
        Await.until(PROCESS, () -> holder.outText().startsWith(name + "/"), "the holder to print its key");
        assertThat(holder.outText())
                .as("etcdctl's output: the key, then the (empty) value")
                .matches(java.util.regex.Pattern.quote(name) + "/[0-9a-f]+\n\n");
        Path got = dir.resolve("got");
        Proc waiter = gooetcd("waiter", etcd, "lock", name, "--", "sh", "-c", "touch " + got);
        Await.until(PROCESS, () -> keysUnder(etcd, name + "/").size() == 2, "the waiter to queue");
        long killed = System.nanoTime();
        holder.process().destroyForcibly();
        Await.until(PROCESS, () -> Files.exists(got), "the waiter to get the lock");
        long took = System.nanoTime() - killed;
        // the lease's 2 s, plus what a busy machine adds (etcd's expiry, the watch, starting sh); not the default 60 s
        assertThat(took)
                .as("within the TTL of 2 s plus at most 15 s of delays")
                .isLessThan(TimeUnit.SECONDS.toNanos(17));
        assertThat(waiter.awaitExit(PROCESS)).as(waiter.toString()).isZero();
    }

    @Test
    void sigtermStopsTheCommandAndReleases(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        String name = prefix.key("sigterm");
        Path pid = dir.resolve("pid");
        Proc p = gooetcd(
                "cmd",
                etcd,
                "lock",
                name,
                "--",
                "sh",
                "-c",
                "echo $$ > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 60");
        Proc hold = gooetcd("hold", etcd, "lock", prefix.key("sigterm-hold"));
        Await.until(PROCESS, () -> Files.exists(pid), "the command to start");
        Await.until(PROCESS, () -> !hold.outText().isEmpty(), "the second holder to print its key");
        long child = Long.parseLong(Files.readString(pid).strip());
        List<ProcessHandle> tree =
                ProcessHandle.of(child).orElseThrow().descendants().toList();
        p.process().destroy();
        hold.process().destroy();
        assertThat(p.awaitExit(PROCESS))
                .as("the command's code (killed by SIGTERM): %s", p)
                .isEqualTo(143);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        Await.until(
                PROCESS, () -> tree.stream().noneMatch(ProcessHandle::isAlive), "what the command started to end too");
        assertThat(hold.awaitExit(PROCESS)).as(hold.toString()).isZero();
        assertThat(hold.errText()).isEmpty();
        assertThat(keysUnder(etcd, prefix.value())).as("both released").isEmpty();
    }

    @Test
    void sigintReleasesTooAndExits0(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Assumptions.assumeFalse(
                sigintIgnored(),
                "this JVM was started with SIGINT ignored (a background job of a"
                        + " shell), so its children are too, and a JVM cannot undo that");
        String name = prefix.key("sigint");
        Proc hold = gooetcd("hold", etcd, "lock", name);
        Await.until(PROCESS, () -> !hold.outText().isEmpty(), "the holder to print its key");
        new ProcessBuilder("kill", "-INT", Long.toString(hold.process().pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(hold.awaitExit(PROCESS)).as(hold.toString()).isZero();
        assertThat(keysUnder(etcd, name + "/")).isEmpty();
    }

    /** Whether SIGINT is ignored in this process (bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return true;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).strip(), 16)
                                & 0x2)
                        != 0;
            }
        }
        return true;
    }

    @Test
    void exitCodesPassThroughTheLauncher(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Proc zero = gooetcd("zero", etcd, "lock", prefix.key("c0"), "--", "sh", "-c", "exit 0");
        Proc one = gooetcd("one", etcd, "lock", prefix.key("c1"), "--", "sh", "-c", "exit 1");
        Proc answer = gooetcd(
                "answer", etcd, "lock", prefix.key("c42"), "--", "sh", "-c", "echo \"$ETCD_LOCK_KEY\"; exit 42");
        assertThat(zero.awaitExit(PROCESS)).as(zero.toString()).isZero();
        assertThat(one.awaitExit(PROCESS)).as(one.toString()).isEqualTo(1);
        assertThat(answer.awaitExit(PROCESS)).as(answer.toString()).isEqualTo(42);
        assertThat(answer.outText()).as("the command shares our stdout").startsWith(prefix.key("c42") + "/");
        assertThat(zero.errText() + one.errText() + answer.errText()).isEmpty();
    }

    @Test
    void electionTwoCampaignersTheFirstResignsTheSecondLeadsTheListenerSeesBoth(EtcdProcess etcd, TestPrefix prefix)
            throws Exception {
        String name = prefix.key("election");
        Proc listener = gooetcd("listener", etcd, "elect", "-l", name);
        Proc first = gooetcd("first", etcd, "elect", name, "first-proposal");
        Await.until(PROCESS, () -> first.outText().endsWith("first-proposal\n"), "the first to lead");
        assertThat(first.outText()).matches(java.util.regex.Pattern.quote(name) + "/[0-9a-f]+\nfirst-proposal\n");
        Proc second = gooetcd("second", etcd, "elect", name, "second-proposal");
        Await.until(PROCESS, () -> keysUnder(etcd, name + "/").size() == 2, "the second to campaign");
        Await.until(PROCESS, () -> listener.outText().contains("first-proposal\n"), "the listener to see the first");
        assertThat(second.outText()).as("not the leader yet").isEmpty();

        first.process().destroy();
        assertThat(first.awaitExit(PROCESS)).as(first.toString()).isZero();
        Await.until(PROCESS, () -> second.outText().endsWith("second-proposal\n"), "the second to lead");
        Await.until(PROCESS, () -> listener.outText().contains("second-proposal\n"), "the listener to see the second");
        assertThat(listener.outText()
                        .lines()
                        .filter(l -> l.endsWith("-proposal"))
                        .toList())
                .containsExactly("first-proposal", "second-proposal");

        second.process().destroy();
        listener.process().destroy();
        assertThat(second.awaitExit(PROCESS)).as(second.toString()).isZero();
        assertThat(listener.awaitExit(PROCESS)).as(listener.toString()).isZero();
        assertThat(keysUnder(etcd, name + "/")).as("resigned").isEmpty();
    }
}
