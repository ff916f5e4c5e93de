package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdClusterExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault test: {@code gooetcd watch -w json} on a 3-member cluster while a writer creates 5,000 keys
 * one after another; the leader is killed, then a second member (the cluster loses its quorum),
 * then both come back; then the third member is killed and restarted, so that every member a watch
 * stream can be on goes down once. The output must hold every revision exactly once, in order.
 */
class WatchFaultTest {
    private static final int KEYS = 5000;
    private static final Duration LONG = Duration.ofSeconds(90);

    @RegisterExtension
    static final EtcdClusterExtension CLUSTER = EtcdClusterExtension.builder().build();

    @Test
    void everyRevisionExactlyOnceAndInOrderAcrossKilledMembers(EtcdCluster cluster, TestPrefix p) throws Exception {
        EtcdConfig config = EtcdConfig.builder()
                .endpoints(cluster.clientUrls().split(","))
                .dialTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
        try (EtcdClient writer = EtcdClient.create("writer", config)) {
            long start = writer.put(p.key("start"), "x").header().revision();
            String prefix = p.key("w/");
            AtomicInteger written = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            // a core watcher alongside the command, to see that its stream did break and resume
            Watcher core = writer.watcher(
                            prefix.getBytes(StandardCharsets.UTF_8),
                            WatchOptions.builder()
                                    .prefix(true)
                                    .startRevision(start + 1)
                                    .build())
                    .start();
            CompletableFuture<List<Long>> coreRevisions = CompletableFuture.supplyAsync(() -> {
                List<Long> revs = new ArrayList<>();
                try {
                    while (revs.size() < KEYS) {
                        WatchEvent e = core.poll(LONG);
                        if (e == null) {
                            break;
                        }
                        revs.add(e.revision());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return revs;
            });
            try (core;
                    LiveCli watch = LiveCli.start(
                            "watch",
                            "--prefix",
                            prefix,
                            "--rev",
                            Long.toString(start + 1),
                            "--max-events",
                            Integer.toString(KEYS),
                            "-w",
                            "json",
                            "--endpoints",
                            cluster.clientUrls(),
                            "--dial-timeout",
                            "2s",
                            "--command-timeout",
                            "2s")) {
                CompletableFuture<Void> writes = CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < KEYS && !stop.get(); i++) {
                                String key = prefix + String.format("%05d", i);
                                while (!stop.get()) {
                                    try {
                                        // create-only, so that a retry of a put that did land adds no second revision
                                        writer.putIfModRevision(key, "v" + i, 0);
                                        break;
                                    } catch (EtcdException e) {
                                        if (e.kind() == ErrorKind.PRECONDITION) {
                                            break;
                                        }
                                        retries.incrementAndGet();
                                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                                    }
                                }
                                written.set(i + 1);
                            }
                        },
                        r -> {
                            Thread t = new Thread(r, "writer");
                            t.setDaemon(true);
                            t.start();
                        });
                try {
                    Await.until(LONG, () -> written.get() >= 1500, "1,500 keys written");
                    int leader = cluster.leaderIndex();
                    cluster.kill(leader);
                    Await.until(LONG, () -> written.get() >= 2500, "2,500 keys written after the leader was killed");
                    int second = -1;
                    for (int i = 0; i < cluster.size(); i++) {
                        if (i != leader && cluster.member(i).isAlive()) {
                            second = i;
                            break;
                        }
                    }
                    cluster.kill(second);
                    cluster.restart(leader);
                    Await.until(LONG, () -> written.get() >= 3500, "3,500 keys written");
                    cluster.restart(second);
                    // and the third member too, so that whichever member a watch stream is on goes down once
                    int third = 3 - leader - second;
                    Await.until(LONG, () -> written.get() >= 4000, "4,000 keys written");
                    cluster.kill(third);
                    Await.until(LONG, () -> written.get() >= 4500, "4,500 keys written");
                    cluster.restart(third);
                    writes.get(LONG.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    stop.set(true);
                }
                assertThat(watch.exitCode(LONG)).as(watch.toString()).isZero();

                ObjectMapper json = new ObjectMapper();
                List<String> lines = watch.lines();
                assertThat(lines).as(watch.toString()).hasSize(KEYS);
                List<Long> revisions = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode e = json.readTree(lines.get(i));
                    assertThat(e.get("type").asText()).isEqualTo("PUT");
                    assertThat(e.get("key").asText()).isEqualTo(prefix + String.format("%05d", i));
                    revisions.add(e.get("mod_revision").asLong());
                }
                for (int i = 0; i < revisions.size(); i++) {
                    assertThat(revisions.get(i))
                            .as("revision of event %d (writer retried %d times)", i, retries.get())
                            .isEqualTo(start + 1 + i);
                }
                assertThat(coreRevisions.get(LONG.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(revisions);
                assertThat(core.resumes())
                        .as("the core watcher's stream broke and was resumed")
                        .isPositive();
            }
        }
    }
}
