package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdClusterExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of the {@code register} sidecar (a real process) on a 3-member cluster: a killed leader
 * leaves the key in place (no remove in {@code discover --watch}); a cluster stopped for 2×TTL gets the
 * key back within a TTL of its quorum returning.
 */
class RegisterClusterProcessTest {
    private static final Duration TTL = Duration.ofSeconds(3);

    @RegisterExtension
    static final EtcdClusterExtension CLUSTER = EtcdClusterExtension.builder().build();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private RegisterProcessTest.Proc register(EtcdCluster cluster, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                RegisterProcessTest.LAUNCHER,
                "--endpoints",
                cluster.clientUrls(),
                "--dial-timeout",
                "1s",
                "--command-timeout",
                "1s",
                "-w",
                "json",
                "register"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GOOETCD_CDS", "off");
        Path err = dir.resolve("reg.err");
        pb.redirectOutput(dir.resolve("reg.out").toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        started.add(p);
        return new RegisterProcessTest.Proc(p, err);
    }

    private static EtcdClient client(EtcdCluster cluster) {
        return EtcdClient.create(
                "test",
                EtcdConfig.builder()
                        .endpoints(cluster.clientUrls().split(","))
                        .dialTimeout(Duration.ofSeconds(1))
                        .requestTimeout(Duration.ofSeconds(1))
                        .build());
    }

    private static Optional<Kv> kv(EtcdClient c, String key) {
        try {
            var r = c.get(key);
            return r.kvs().isEmpty() ? Optional.empty() : Optional.of(r.kvs().get(0));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Test
    void killingTheLeaderLeavesTheKeyInPlace(EtcdCluster cluster, TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        String key = pfx + "/web/10.0.0.9:80";
        try (EtcdClient c = client(cluster)) {
            var p = register(cluster, "web", "10.0.0.9:80", "--prefix", pfx, "--ttl", "3s");
            Await.until(Duration.ofSeconds(20), () -> p.eventNames().contains("registered"), "registered; " + p);
            try (LiveCli d = LiveCli.start(
                    "--endpoints",
                    cluster.clientUrls(),
                    "--dial-timeout",
                    "1s",
                    "--command-timeout",
                    "1s",
                    "discover",
                    "web",
                    "--prefix",
                    pfx,
                    "--watch")) {
                d.awaitOut(Duration.ofSeconds(10), o -> o.contains("10.0.0.9:80"), "listed");
                int leader = cluster.leaderIndex();
                cluster.kill(leader);
                cluster.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
                // more than a TTL with the old leader gone: the lease must have been renewed through the others
                long until = System.nanoTime() + TTL.multipliedBy(2).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(d.out())
                            .as("no remove while the leader is down; %s\n%s", d, p)
                            .doesNotContain("remove");
                    Thread.sleep(100);
                }
                assertThat(kv(c, key)).as(p.toString()).isPresent();
                assertThat(p.eventNames()).as(p.toString()).containsExactly("registered");
                assertThat(d.lines()).as(d.toString()).hasSize(1);
                cluster.restart(leader);
            }
            p.terminate();
            assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.toString()).isZero();
        }
    }

    @Test
    void aClusterStoppedForTwoTtlsGetsTheKeyBackWithinATtlOfQuorum(EtcdCluster cluster, TestPrefix prefix)
            throws Exception {
        String pfx = prefix.key("services");
        String key = pfx + "/web/10.0.0.10:80";
        var p = register(cluster, "web", "10.0.0.10:80", "--prefix", pfx, "--ttl", "3s");
        Await.until(Duration.ofSeconds(20), () -> p.eventNames().contains("registered"), "registered; " + p);
        for (int i = 0; i < cluster.size(); i++) {
            cluster.stop(i);
        }
        Await.until(TTL.multipliedBy(3), () -> p.eventNames().contains("lease-lost"), "lease-lost while down; " + p);
        long downSince = System.nanoTime();
        while (System.nanoTime() - downSince < TTL.toNanos()) {
            Thread.sleep(200); // the cluster stays down for 2×TTL in all (a TTL until lease-lost, one more here)
        }
        for (int i = 0; i < cluster.size(); i++) {
            cluster.member(i).launch();
        }
        cluster.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
        long quorum = System.nanoTime();
        try (EtcdClient c = client(cluster)) {
            Await.until(TTL.plusSeconds(1), () -> kv(c, key).isPresent(), "key back within a TTL of quorum; " + p);
            assertThat(System.nanoTime() - quorum).isLessThan(TTL.toNanos() + 1_000_000_000L);
            // the key above may be the old one: a new leader extends every lease it finds. The
            // sidecar's own reconnect waits on gRPC's reconnect backoff, which grows while the
            // cluster is down (seconds after a 10 s outage), so its new lease comes a little later.
            Await.until(Duration.ofSeconds(15), () -> p.eventNames().contains("re-registered"), "logged; " + p);
            Await.until(Duration.ofSeconds(2), () -> kv(c, key).isPresent(), "key on its new lease; " + p);
            p.terminate();
            assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.toString()).isZero();
            Await.until(Duration.ofSeconds(1), () -> kv(c, key).isEmpty(), "key gone after SIGTERM");
        }
    }
}
