package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.lock.DistributedLock;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code lock} and {@code elect} in-process: waiting, giving up, child commands, a lost lease, bad input. */
class LockCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static final String ETCDCTL = System.getenv().getOrDefault("ETCDCTL_BIN", "etcdctl");

    @TempDir
    Path dir;

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = etcd.newClient("holder");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** Runs gooetcd with the endpoints first, so that nothing is appended after a {@code -- COMMAND}. */
    private static Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--endpoints";
        all[1] = etcd.clientUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.bare().run(all);
    }

    private static List<String> keysUnder(String prefix) {
        return etcd.etcdctl("get", prefix, "--prefix", "--keys-only")
                .assertOk()
                .out()
                .lines()
                .filter(l -> !l.isEmpty())
                .toList();
    }

    @Test
    void tryOnAHeldLockExits7AtOnceAndLeavesNoKeyBehind(TestPrefix prefix) {
        String name = prefix.key("try");
        try (DistributedLock holder = new DistributedLock(client, name)) {
            holder.lock();
            long start = System.nanoTime();
            Cli.Result r = run("lock", "--try", name);
            long took = System.nanoTime() - start;
            assertCleanError(r, 7, "lock " + name + " is held by " + holder.key(), "--try");
            assertThat(took).as("at once").isLessThan(TimeUnit.SECONDS.toNanos(3));
            assertThat(keysUnder(name + "/")).containsExactly(holder.key());
        }
        assertThat(keysUnder(name + "/")).isEmpty();
    }

    @Test
    void timeoutGivesUpAfterItAndLeavesNoKeyBehind(TestPrefix prefix) {
        String name = prefix.key("timeout");
        try (DistributedLock holder = new DistributedLock(client, name)) {
            holder.lock();
            long start = System.nanoTime();
            Cli.Result r = run("lock", "--timeout", "1s", name, "--", "false");
            long took = System.nanoTime() - start;
            assertCleanError(r, 7, "is held by " + holder.key(), "gave up after 1s");
            assertThat(took).isBetween(TimeUnit.MILLISECONDS.toNanos(1000), TimeUnit.MILLISECONDS.toNanos(3500));
            assertThat(keysUnder(name + "/")).containsExactly(holder.key());
        }
    }

    @Test
    void theCommandRunsHoldingTheLockAndItsExitCodePassesThrough(TestPrefix prefix) throws Exception {
        String name = prefix.key("exec");
        Path env = dir.resolve("env");
        Cli.Result ok = run(
                "lock",
                name,
                "--",
                "sh",
                "-c",
                "echo \"$ETCD_LOCK_KEY $ETCD_LOCK_REV\" > " + env + "; " + ETCDCTL + " --endpoints " + etcd.clientUrl()
                        + " get --prefix " + name + "/ --keys-only >> " + env);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        List<String> lines = Files.readAllLines(env);
        String[] keyRev = lines.get(0).split(" ");
        assertThat(keyRev[0])
                .as("etcd's layout: NAME/ and the lease ID in hex, not zero-padded")
                .matches(java.util.regex.Pattern.quote(name) + "/[1-9a-f][0-9a-f]*");
        assertThat(Long.parseLong(keyRev[1])).isPositive();
        assertThat(lines.get(1)).as("the key exists while the command runs").isEqualTo(keyRev[0]);
        assertThat(keysUnder(name + "/")).as("released afterwards").isEmpty();

        for (int code : new int[] {1, 42}) {
            Cli.Result r = run("lock", name, "--", "sh", "-c", "exit " + code);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
            assertThat(r.err()).as(r.toString()).isEmpty();
        }
        Cli.Result missing = run("lock", name, "--", "/no/such/command");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(127);
        assertThat(missing.err()).startsWith("Error: cannot run '/no/such/command'");
        assertThat(keysUnder(name + "/")).isEmpty();
    }

    @Test
    void aRevokedLeaseKillsTheCommandAndExits5(TestPrefix prefix) throws Exception {
        String name = prefix.key("revoked");
        Path pid = dir.resolve("pid");
        CompletableFuture<Cli.Result> r = CompletableFuture.supplyAsync(() -> run(
                "lock",
                name,
                "--",
                "sh",
                "-c",
                "echo $$ > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 60; echo survived > " + pid));
        Await.until(Duration.ofSeconds(10), () -> Files.exists(pid), "the command to start");
        long child = Long.parseLong(Files.readString(pid).strip());
        String key = keysUnder(name + "/").get(0);
        etcd.etcdctl("lease", "revoke", key.substring(key.lastIndexOf('/') + 1)).assertOk();
        Cli.Result result = r.get(10, TimeUnit.SECONDS);
        assertCleanError(result, 5, "lock " + name + " lost while 'sh' ran, so it was killed", key, "deleted");
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                .as("the command is dead")
                .isFalse();
        assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(child));
    }

    @Test
    void aPartitionLongerThanTheTtlKillsTheCommandBeforeTheLeaseMayExpire(TestPrefix prefix) throws Exception {
        String name = prefix.key("partition");
        Path pid = dir.resolve("pid");
        CompletableFuture<Cli.Result> r = CompletableFuture.supplyAsync(() -> run(
                "lock",
                "--ttl",
                "2",
                name,
                "--",
                "sh",
                "-c",
                "echo $$ > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 60"));
        Await.until(Duration.ofSeconds(10), () -> Files.exists(pid), "the command to start");
        long child = Long.parseLong(Files.readString(pid).strip());
        etcd.process().pause();
        try {
            // the lease was renewed before the pause, so it cannot expire on the server within 2 s of it
            Await.until(
                    Duration.ofSeconds(2),
                    () -> !ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                    "the command to be killed before the lease may expire");
            Cli.Result result = r.get(10, TimeUnit.SECONDS);
            assertCleanError(
                    result,
                    5,
                    "lock " + name + " lost while 'sh' ran, so it was killed",
                    "not renewed within its TTL of 2s");
        } finally {
            etcd.process().resume();
        }
    }

    @Test
    void theLockExcludesEtcdctlLockAndTheOtherWayRound(TestPrefix prefix) throws Exception {
        String name = prefix.key("mixed");
        Path held = dir.resolve("held");
        Path stop = dir.resolve("stop");
        CompletableFuture<EtcdctlResult> ectl = CompletableFuture.supplyAsync(() -> etcd.etcdctl(
                "lock",
                name,
                "--",
                "sh",
                "-c",
                "touch " + held + "; while [ ! -f " + stop + " ]; do sleep 0.05; done"));
        Await.until(Duration.ofSeconds(10), () -> Files.exists(held), "etcdctl to hold the lock");
        List<String> keys = keysUnder(name + "/");
        assertThat(keys).hasSize(1);
        assertCleanError(run("lock", "--try", name), 7, "is held by " + keys.get(0));
        Files.createFile(stop);
        ectl.get(10, TimeUnit.SECONDS).assertOk();

        // gooetcd holds it while etcdctl has to wait: it does not get it within 1 s
        Cli.Result r = run(
                "lock",
                name,
                "--",
                "sh",
                "-c",
                "timeout 1 " + ETCDCTL + " --endpoints " + etcd.clientUrl() + " lock " + name
                        + " -- true 2>/dev/null; exit $?");
        assertThat(r.exitCode()).as("etcdctl timed out waiting: %s", r).isEqualTo(124);
        assertThat(keysUnder(name + "/")).isEmpty();
    }

    @Test
    void badInput(TestPrefix prefix) {
        String name = prefix.key("bad");
        assertCleanError(run("lock", ""), 3, "lock name must not be empty");
        assertCleanError(run("lock", name + "/../x"), 3, "'..' segment");
        assertCleanError(run("lock", name + "\\x"), 3, "must not contain '\\'");
        assertCleanError(run("lock", name + "\u0007x"), 3, "control characters");
        assertCleanError(run("lock", "x".repeat(1025)), 3, "longer than 1024 bytes");
        assertCleanError(run("lock", "--ttl", "1500ms", name), 3, "ttl must be a whole number of seconds");
        assertCleanError(run("lock", "--ttl", "0", name), 3, "ttl must be a whole number of seconds");
        assertCleanError(run("lock", "--ttl", "soon", name), 128, "'soon' is not a TTL");
        assertCleanError(run("lock", "--timeout", "soon", name), 128, "'soon' is not a duration");
        assertCleanError(run("lock", "--try", "--timeout", "1s", name), 128, "--try and --timeout");
        assertCleanError(run("elect", name), 128, "PROPOSAL");
        assertCleanError(run("elect", "-l", name, "p"), 128, "PROPOSAL");
        assertCleanError(run("elect", name + "/../x", "p"), 3, "election name", "'..' segment");
        assertCleanError(run("elect", "--ttl", "2.5s", name, "p"), 3, "ttl must be");
        assertThat(keysUnder(prefix.value())).as("nothing written").isEmpty();
    }
}
