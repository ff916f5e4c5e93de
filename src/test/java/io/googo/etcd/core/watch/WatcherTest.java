package io.googo.etcd.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core {@link Watcher}: back-pressure, exactly-once delivery, closing. Faults: {@code WatchFaultTest}. */
@ExtendWith(EtcdExtension.class)
class WatcherTest {

    private static EtcdClient client(EtcdProcess etcd) {
        return EtcdClient.create(
                "test", EtcdConfig.builder().endpoints(etcd.clientUrl()).build());
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void aSlowConsumerPausesTheStreamAndLosesNothing(EtcdProcess etcd, TestPrefix p) throws Exception {
        try (EtcdClient c = client(etcd)) {
            long first = c.put(p.key("single-000"), "v").header().revision();
            try (Watcher w = c.watcher(
                            p.value().getBytes(StandardCharsets.UTF_8),
                            WatchOptions.builder()
                                    .prefix(true)
                                    .startRevision(first)
                                    .maxQueuedEvents(16)
                                    .build())
                    .start()) {
                Set<String> expected = new HashSet<>();
                expected.add(p.key("single-000") + "@" + first);
                long last = first;
                for (int i = 1; i < 200; i++) {
                    last = c.put(p.key(String.format("single-%03d", i)), "v")
                            .header()
                            .revision();
                    expected.add(p.key(String.format("single-%03d", i)) + "@" + last);
                }
                // transactions: 30 events at one revision each, more than the queue holds
                for (int t = 0; t < 10; t++) {
                    List<Op> ops = new ArrayList<>();
                    for (int i = 0; i < 30; i++) {
                        ops.add(Op.put(bs(p.key("txn-" + t + "-" + i)), bs("v"), PutOption.DEFAULT));
                    }
                    long rev = c.call(
                                    "txn",
                                    () -> c.jetcd()
                                            .getKVClient()
                                            .txn()
                                            .Then(ops.toArray(new Op[0]))
                                            .commit())
                            .getHeader()
                            .getRevision();
                    for (int i = 0; i < 30; i++) {
                        expected.add(p.key("txn-" + t + "-" + i) + "@" + rev);
                    }
                    last = rev;
                }
                List<WatchEvent> got = new ArrayList<>();
                while (got.size() < expected.size()) {
                    WatchEvent e = w.poll(Duration.ofSeconds(10));
                    assertThat(e)
                            .as("event %d of %d", got.size() + 1, expected.size())
                            .isNotNull();
                    got.add(e);
                }
                assertThat(w.poll(Duration.ofMillis(100))).isNull();
                Set<String> seen = new HashSet<>();
                long prev = 0;
                for (WatchEvent e : got) {
                    assertThat(e.revision()).isGreaterThanOrEqualTo(prev);
                    prev = e.revision();
                    assertThat(seen.add(e.kv().keyString() + "@" + e.revision()))
                            .as("delivered twice: %s", e)
                            .isTrue();
                }
                assertThat(seen).isEqualTo(expected);
                assertThat(w.lastRevision()).isEqualTo(last);
                assertThat(w.resumes())
                        .as("the stream paused for the slow consumer")
                        .isPositive();
            }
        }
    }

    @Test
    void closeWakesAWaitingPollAndDropsTheQueue(EtcdProcess etcd, TestPrefix p) throws Exception {
        try (EtcdClient c = client(etcd)) {
            long rev = c.put(p.key("a"), "1").header().revision();
            Watcher w = c.watcher(
                            p.key("a").getBytes(StandardCharsets.UTF_8),
                            WatchOptions.builder().startRevision(rev).build())
                    .start();
            assertThat(w.poll(Duration.ofSeconds(10)).kv().valueString()).isEqualTo("1");
            CompletableFuture<WatchEvent> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return w.poll(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.close();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
            assertThat(w.isClosed()).isTrue();
            w.close();
        }
    }

    @Test
    void anUnreachableClusterFailsTheStart() {
        EtcdConfig config = EtcdConfig.builder()
                .endpoints("http://127.0.0.1:1")
                .dialTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofMillis(300))
                .build();
        try (EtcdClient c = EtcdClient.create("down", config);
                Watcher w = c.watcher("k".getBytes(StandardCharsets.UTF_8), WatchOptions.DEFAULT)) {
            assertThatThrownBy(w::start)
                    .isInstanceOf(EtcdException.class)
                    .satisfies(e -> assertThat(((EtcdException) e).kind()).isEqualTo(ErrorKind.CONNECTION));
        }
    }

    @Test
    void badOptions() {
        try (EtcdClient c = EtcdClient.create(
                "x", EtcdConfig.builder().endpoints("http://127.0.0.1:1").build())) {
            assertThatThrownBy(() -> c.watcher(new byte[0], WatchOptions.DEFAULT))
                    .isInstanceOf(EtcdException.class);
            assertThatThrownBy(() -> c.watcher(
                            "k".getBytes(StandardCharsets.UTF_8),
                            WatchOptions.builder().prefix(true).fromKey(true).build()))
                    .isInstanceOf(EtcdException.class);
        }
    }
}
