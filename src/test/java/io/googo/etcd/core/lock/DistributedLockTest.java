package io.googo.etcd.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DistributedLock} and {@link LeaderElection} against a real etcd. */
class DistributedLockTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = etcd.newClient("locks");
    }

    @AfterAll
    static void close() {
        client.close();
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
    void waitersGetTheLockInTheOrderTheyCame(TestPrefix prefix) throws Exception {
        String name = prefix.key("queue");
        List<String> order = new CopyOnWriteArrayList<>();
        try (DistributedLock holder = new DistributedLock(client, name);
                DistributedLock w1 = new DistributedLock(client, name);
                DistributedLock w2 = new DistributedLock(client, name)) {
            holder.lock();
            assertThat(holder.key()).isEqualTo(name + "/" + Long.toHexString(holder.leaseId()));
            assertThat(holder.revision()).isPositive();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                w1.lock();
                order.add("w1");
            });
            Await.until(Duration.ofSeconds(60), () -> keysUnder(name + "/").size() == 2, "w1 to queue");
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                w2.lock();
                order.add("w2");
            });
            Await.until(Duration.ofSeconds(60), () -> keysUnder(name + "/").size() == 3, "w2 to queue");
            holder.unlock();
            first.get(5, TimeUnit.SECONDS);
            assertThat(w1.isHeld()).isTrue();
            assertThat(second).isNotDone();
            assertThat(w1.createRevision()).isGreaterThan(0);
            w1.unlock();
            second.get(5, TimeUnit.SECONDS);
            assertThat(order).containsExactly("w1", "w2");
            assertThat(w2.revision()).isGreaterThan(w1.revision());
        }
        assertThat(keysUnder(name + "/")).isEmpty();
    }

    @Test
    void tryLockReportsTheHolderAndLeavesNothing(TestPrefix prefix) {
        String name = prefix.key("try");
        try (DistributedLock a = new DistributedLock(client, name);
                DistributedLock b = new DistributedLock(client, name)) {
            assertThat(a.tryLock()).isTrue();
            assertThat(b.tryLock()).isFalse();
            assertThat(b.holder()).isEqualTo(a.key());
            assertThat(b.tryLock(Duration.ofMillis(300))).isFalse();
            assertThat(keysUnder(name + "/")).containsExactly(a.key());
            a.unlock();
            assertThat(b.tryLock(Duration.ofSeconds(2))).isTrue();
            assertThat(a.isHeld()).isFalse();
        }
    }

    @Test
    void aDeletedKeyOrRevokedLeaseIsReportedLost(TestPrefix prefix) throws Exception {
        String name = prefix.key("lost");
        try (DistributedLock lock = new DistributedLock(client, name)) {
            lock.lock();
            CompletableFuture<LeaseLost> lost = lock.lost();
            etcd.etcdctl("del", lock.key()).assertOk();
            LeaseLost l = lost.get(5, TimeUnit.SECONDS);
            assertThat(l.reason()).isEqualTo(LeaseLost.Reason.RELEASED);
            assertThat(l.message()).contains(lock.key(), "deleted");
            assertThat(lock.isHeld()).isFalse();
        }
        try (DistributedLock lock = new DistributedLock(client, name)) {
            lock.lock();
            client.revoke(lock.leaseId());
            assertThat(lock.lost().get(5, TimeUnit.SECONDS).message()).contains("deleted");
        }
    }

    @Test
    void anInterruptedWaitWithdrawsItsKey(TestPrefix prefix) throws Exception {
        String name = prefix.key("interrupt");
        try (DistributedLock holder = new DistributedLock(client, name);
                DistributedLock waiter = new DistributedLock(client, name)) {
            holder.lock();
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                thread.complete(Thread.currentThread());
                try {
                    waiter.lock();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Await.until(Duration.ofSeconds(60), () -> keysUnder(name + "/").size() == 2, "the waiter to queue");
            thread.get().interrupt();
            Throwable t = failure.get(5, TimeUnit.SECONDS);
            assertThat(t)
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED));
            assertThat(keysUnder(name + "/")).containsExactly(holder.key());
        }
    }

    @Test
    void electionLeadersFollowTheOrderOfCandidates(TestPrefix prefix) throws Exception {
        String name = prefix.key("election");
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Thread> observer = new CompletableFuture<>();
        CompletableFuture<Void> observing = CompletableFuture.runAsync(() -> {
            observer.complete(Thread.currentThread());
            LeaderElection.observe(client, name, (h, kv) -> seen.add(kv.valueString()));
        });
        try (LeaderElection a = new LeaderElection(client, name, Duration.ofSeconds(5));
                LeaderElection b = new LeaderElection(client, name, Duration.ofSeconds(5))) {
            a.campaign("a".getBytes());
            assertThat(a.isLeader()).isTrue();
            CompletableFuture<Void> bLeads = CompletableFuture.runAsync(() -> b.campaign("b".getBytes()));
            Await.until(Duration.ofSeconds(60), () -> keysUnder(name + "/").size() == 2, "b to campaign");
            assertThat(bLeads).isNotDone();
            a.resign();
            bLeads.get(5, TimeUnit.SECONDS);
            assertThat(b.isLeader()).isTrue();
            assertThat(etcd.etcdctl("get", b.key(), "--print-value-only")
                            .assertOk()
                            .out())
                    .isEqualTo("b");
            Await.until(Duration.ofSeconds(60), () -> seen.equals(List.of("a", "b")), "the observer to see a, then b");
        } finally {
            observer.get().interrupt();
            // interrupting is how the observer is stopped: it may end normally or as INTERRUPTED
            observing.handle((v, t) -> null).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void badNamesAndTtlsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new DistributedLock(client, "a/../b")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> new DistributedLock(client, "a", Duration.ofMillis(1500)))
                .hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> new LeaderElection(client, "", Duration.ofSeconds(1)))
                .hasMessageContaining("must not be empty");
    }
}
