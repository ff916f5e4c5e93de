package io.googo.etcd.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdClusterExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault: the leader of a 3-member cluster dies while the lock's queue waits. */
class LockFailoverTest {
    @RegisterExtension
    static final EtcdClusterExtension cluster = EtcdClusterExtension.builder().build();

    private static EtcdClient client(EtcdCluster c, String name) {
        return EtcdClient.create(
                name,
                EtcdConfig.builder()
                        .endpoints(c.clientUrls().split(","))
                        .dialTimeout(Duration.ofSeconds(2))
                        .requestTimeout(Duration.ofSeconds(3))
                        .build());
    }

    @Test
    void killingTheLeaderWhileWaitersWaitKeepsTheQueue(EtcdCluster c, TestPrefix prefix) throws Exception {
        String name = prefix.key("failover");
        List<String> order = new CopyOnWriteArrayList<>();
        try (EtcdClient hc = client(c, "holder");
                EtcdClient w1c = client(c, "w1");
                EtcdClient w2c = client(c, "w2");
                DistributedLock holder = new DistributedLock(hc, name, Duration.ofSeconds(5));
                DistributedLock w1 = new DistributedLock(w1c, name, Duration.ofSeconds(5));
                DistributedLock w2 = new DistributedLock(w2c, name, Duration.ofSeconds(5))) {
            holder.lock();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                w1.lock();
                order.add("w1");
            });
            Await.until(Duration.ofSeconds(10), () -> count(c, name) == 2, "w1 to queue");
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                w2.lock();
                order.add("w2");
            });
            Await.until(Duration.ofSeconds(10), () -> count(c, name) == 3, "w2 to queue");

            int leader = c.leaderIndex();
            c.kill(leader);
            c.awaitLeader(Duration.ofSeconds(10));
            assertThat(first).as("nobody gets the lock while it is held").isNotDone();
            assertThat(holder.isHeld()).isTrue();

            holder.unlock();
            first.get(15, TimeUnit.SECONDS);
            assertThat(second).isNotDone();
            assertThat(w1.isHeld()).isTrue();
            w1.unlock();
            second.get(15, TimeUnit.SECONDS);
            assertThat(order).containsExactly("w1", "w2");
        }
    }

    private static int count(EtcdCluster c, String name) {
        return (int) c.etcdctl("get", name + "/", "--prefix", "--keys-only")
                .assertOk()
                .out()
                .lines()
                .filter(l -> !l.isEmpty())
                .count();
    }
}
