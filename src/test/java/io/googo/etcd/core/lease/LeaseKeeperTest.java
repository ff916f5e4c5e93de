package io.googo.etcd.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LeaseKeeper}: renewals, and every way a lease is lost, reported once and never as success. */
class LeaseKeeperTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = EtcdClient.create(
                "keeper",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(2))
                        .requestTimeout(Duration.ofMillis(500))
                        .build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** Records what a keeper reports, and on which threads. */
    static final class Recorder implements LeaseKeeper.Listener {
        final List<LeaseRenewal> renewals = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<LeaseLost> lost = new CompletableFuture<>();
        final List<LeaseLost> losses = new CopyOnWriteArrayList<>();

        @Override
        public void renewed(LeaseRenewal renewal) {
            threads.add(Thread.currentThread().getName());
            renewals.add(renewal);
        }

        @Override
        public void lost(LeaseLost l) {
            threads.add(Thread.currentThread().getName());
            losses.add(l);
            lost.complete(l);
        }
    }

    @Test
    void renewsEveryThirdOfTheTtlOnItsOwnThreadUntilClosed() {
        long id = client.grant(Duration.ofSeconds(2)).id();
        Recorder r = new Recorder();
        long start = System.nanoTime();
        try (LeaseKeeper k = client.keepAlive(id, r)) {
            Await.until(Duration.ofSeconds(10), () -> r.renewals.size() >= 5, "five renewals");
            assertThat(System.nanoTime() - start)
                    .as("renewals a third of the TTL apart, not faster")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(4 * 600));
            assertThat(k.isAlive()).isTrue();
            assertThat(r.renewals).allMatch(x -> x.id() == id && x.ttl() == 2);
            assertThat(client.timeToLive(id, false).ttl()).isPositive();
        }
        assertThat(r.losses).as("closing is not a loss").isEmpty();
        assertThat(r.threads).allMatch(t -> t.startsWith("gooetcd-lease-events-"));
        client.revoke(id);
    }

    @Test
    void aRevokedLeaseIsReportedGoneOnce() throws Exception {
        long id = client.grant(Duration.ofSeconds(3)).id();
        Recorder r = new Recorder();
        try (LeaseKeeper k = client.keepAlive(id, r)) {
            client.revoke(id);
            LeaseLost l = r.lost.get(5, TimeUnit.SECONDS);
            assertThat(l.reason()).isEqualTo(LeaseLost.Reason.GONE);
            assertThat(l.message()).isEqualTo("lease " + LeaseIds.hex(id) + " expired or revoked");
            assertThat(k.lost().get(1, TimeUnit.SECONDS)).isEqualTo(l);
            assertThat(k.isAlive()).isFalse();
        }
        assertThat(r.losses).hasSize(1);
    }

    @Test
    void aServerThatStopsAnsweringExpiresTheLeaseBeforeItsTtlLessTheMargin() throws Exception {
        long id = client.grant(Duration.ofSeconds(2)).id();
        Recorder r = new Recorder();
        try (LeaseKeeper k = LeaseKeeper.start(client, id, Duration.ofMillis(500), r)) {
            Await.until(Duration.ofSeconds(5), () -> r.renewals.size() >= 2, "two renewals");
            long paused = System.nanoTime();
            etcd.process().pause();
            LeaseLost l = r.lost.get(5, TimeUnit.SECONDS);
            long after = System.nanoTime() - paused;
            assertThat(l.reason()).isEqualTo(LeaseLost.Reason.EXPIRED);
            assertThat(l.message()).contains(LeaseIds.hex(id), "not renewed within its TTL of 2s", "500ms");
            assertThat(after)
                    .as("reported before the lease may expire on the server (2 s after its last renewal)")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(1600));
            assertThat(k.isAlive()).isFalse();
        } finally {
            etcd.process().resume();
        }
        assertThat(r.losses).hasSize(1);
    }

    @Test
    void startingOnAnUnknownLeaseFails() {
        assertThatThrownBy(() -> client.keepAlive(0x1234, new Recorder()))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED);
                    assertThat(e.getMessage()).isEqualTo("lease 0000000000001234 expired or revoked");
                });
    }
}
