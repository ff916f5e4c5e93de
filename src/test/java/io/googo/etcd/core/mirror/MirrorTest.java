package io.googo.etcd.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.core.txn.TxnOp;
import io.googo.etcd.core.txn.TxnRequest;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Mirror} between two real etcd servers: the source from the test kit's extension, the
 * destination a second server of this class's own (stopped, paused and restarted by some tests).
 */
class MirrorTest {
    private static final Duration LONG = Duration.ofSeconds(120);

    @RegisterExtension
    static final EtcdExtension SOURCE = EtcdExtension.builder().build();

    static EtcdProcess destServer;
    static EtcdClient src;
    static EtcdClient dst;

    private final List<Running> running = new ArrayList<>();

    @BeforeAll
    static void start() {
        destServer = EtcdProcess.builder().name("mirror-dest").start();
        src = EtcdClient.create(
                "source",
                EtcdConfig.builder()
                        .endpoints(SOURCE.clientUrl())
                        .dialTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(10))
                        .build());
        dst = client(destServer.clientUrl());
    }

    @AfterAll
    static void stop() {
        src.close();
        dst.close();
        destServer.close();
    }

    @AfterEach
    void stopMirrors() throws Exception {
        for (Running r : running) {
            r.mirror.close();
            r.done.handle((x, t) -> null).get(30, TimeUnit.SECONDS);
        }
        if (destServer.isPaused()) {
            destServer.resume();
        }
        if (!destServer.isAlive()) {
            destServer.start();
        }
    }

    private static EtcdClient client(String url) {
        return EtcdClient.create(
                "dest",
                EtcdConfig.builder()
                        .endpoints(url)
                        .dialTimeout(Duration.ofSeconds(2))
                        .requestTimeout(Duration.ofSeconds(2))
                        .build());
    }

    /** A mirror running on its own thread, and what its listener heard. */
    record Running(
            Mirror mirror,
            CompletableFuture<Void> done,
            List<String> log,
            AtomicInteger retries,
            AtomicReference<Long> synced) {
        @Override
        public String toString() {
            return "mirror count=" + mirror.count() + " revision=" + mirror.revision() + " done=" + done.isDone()
                    + (done.isCompletedExceptionally()
                            ? " failed: " + done.handle((x, t) -> t).join()
                            : "")
                    + " retries=" + retries.get() + " log(tail)="
                    + log.subList(Math.max(0, log.size() - 5), log.size());
        }
    }

    private Running run(Mirror.Builder b) {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger retries = new AtomicInteger();
        AtomicReference<Long> synced = new AtomicReference<>();
        Mirror m = b.listener(new Mirror.Listener() {
                    @Override
                    public void synced(long revision, long keys) {
                        synced.set(revision);
                        log.add("synced " + revision + " " + keys);
                    }

                    @Override
                    public void retrying(EtcdException cause, Duration wait) {
                        retries.incrementAndGet();
                        log.add("retry: " + cause.getMessage());
                    }
                })
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        CompletableFuture<Void> done = CompletableFuture.runAsync(
                () -> {
                    try {
                        m.run();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                r -> {
                    Thread t = new Thread(r, "mirror");
                    t.setDaemon(true);
                    t.start();
                });
        Running r = new Running(m, done, log, retries, synced);
        running.add(r);
        return r;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every pair under {@code prefix}, as hex of the key after the prefix -> hex of the value. */
    private static Map<String, String> state(EtcdClient c, byte[] prefix) {
        Map<String, String> m = new TreeMap<>();
        for (Kv kv : c.get(prefix, GetOptions.builder().prefix(true).build()).kvs()) {
            byte[] rest = java.util.Arrays.copyOfRange(kv.key(), prefix.length, kv.key().length);
            m.put(HexFormat.of().formatHex(rest), HexFormat.of().formatHex(kv.value()));
        }
        return m;
    }

    private static void awaitSame(byte[] srcPrefix, byte[] dstPrefix, Running r, String what) {
        Await.until(
                LONG,
                () -> state(src, srcPrefix).equals(state(dst, dstPrefix)),
                what + ": the destination equals the source; " + r);
    }

    @Test
    void initialCopyIsByteExactAndFollowsPutsAndDeletes(TestPrefix p) {
        byte[] prefix = utf8(p.key("s/"));
        byte[] binaryKey = concat(prefix, new byte[] {(byte) 0xff, 0, (byte) 0xc3, 'k'});
        src.put(binaryKey, new byte[] {0, (byte) 0xfe, (byte) 0xff, '\n', (byte) 0x80}, PutOptions.DEFAULT);
        for (int i = 0; i < 300; i++) {
            src.put(p.key("s/k" + i), "v" + i);
        }
        src.put(p.key("s/empty"), "");
        src.put(p.key("outside"), "not mirrored");
        long head = src.put(p.key("s/last"), "x").header().revision();
        Running r = run(Mirror.builder(src, dst).prefix(prefix));
        awaitSame(prefix, prefix, r, "initial copy");
        Await.until(LONG, () -> r.synced().get() != null, "synced reported; " + r);
        assertThat(r.synced().get()).as(r.toString()).isGreaterThanOrEqualTo(head);
        assertThat(dst.get(p.key("outside")).kvs())
                .as("a key outside the prefix")
                .isEmpty();
        assertThat(dst.get(binaryKey, GetOptions.DEFAULT).kvs().get(0).value())
                .containsExactly(0, (byte) 0xfe, (byte) 0xff, '\n', (byte) 0x80);

        // then the changes: puts, a delete, a delete of a range (one revision, many events)
        src.put(p.key("s/new"), "n");
        src.put(binaryKey, new byte[] {1, (byte) 0xff}, PutOptions.DEFAULT);
        src.delete(p.key("s/k1"));
        long deleted = src.delete(
                        utf8(p.key("s/k2")),
                        DeleteOptions.builder().prefix(true).build())
                .deleted();
        assertThat(deleted).isGreaterThan(100);
        long last = src.put(p.key("s/end"), "e").header().revision();
        Await.until(LONG, () -> r.mirror().revision() >= last, "the mirror applied revision " + last + "; " + r);
        awaitSame(prefix, prefix, r, "after the changes");
        assertThat(dst.get(p.key("s/k1")).kvs()).isEmpty();
        assertThat(dst.get(p.key("s/k20")).kvs()).isEmpty();
        // etcdctl's count: every key copied, then every event
        assertThat(r.mirror().count()).as(r.toString()).isEqualTo(303 + 1 + 1 + 1 + deleted + 1);
        assertThat(r.done()).as(r.toString()).isNotDone();
    }

    @Test
    void destPrefixAndNoDestPrefixMapTheKeys(TestPrefix p) {
        byte[] prefix = utf8(p.key("from/"));
        String token = p.value().replace("/", "");
        src.put(p.key("from/" + token + "-a"), "1");
        src.put(p.key("from/" + token + "-b/c"), "2");
        byte[] to = utf8(p.key("to/"));
        Running r1 = run(Mirror.builder(src, dst).prefix(prefix).destPrefix(to));
        Running r2 = run(Mirror.builder(src, dst).prefix(prefix).destPrefix(new byte[0]));
        awaitSame(prefix, to, r1, "--dest-prefix");
        Await.until(
                LONG,
                () -> "1".equals(dst.getValue(token + "-a")) && "2".equals(dst.getValue(token + "-b/c")),
                "--no-dest-prefix: keys at the root; " + r2);
        src.put(p.key("from/" + token + "-d"), "3");
        Await.until(
                LONG,
                () -> "3".equals(dst.getValue(p.key("to/" + token + "-d"))) && "3".equals(dst.getValue(token + "-d")),
                "a change mapped both ways; " + r1 + "; " + r2);
        assertThat(dst.get(p.key("from/" + token + "-a")).kvs())
                .as("nothing under the source prefix")
                .isEmpty();
        dst.delete(utf8(token), DeleteOptions.builder().prefix(true).build());
    }

    @Test
    void aWriterDuringTheInitialCopyLosesNothingAndNeverGoesBack(TestPrefix p) throws Exception {
        byte[] prefix = utf8(p.key("w/"));
        for (int i = 0; i < 3000; i += 100) {
            List<TxnOp> puts = new ArrayList<>();
            for (int j = i; j < i + 100; j++) {
                puts.add(TxnOp.Put.of(p.key("w/pre" + j), "value-" + j));
            }
            src.txn(new TxnRequest(List.of(), puts, List.of()));
        }
        String counter = p.key("w/counter");
        src.put(counter, "0");
        // the destination's own record of every value the counter takes there
        long destStart = dst.put(p.key("marker"), "m").header().revision();
        Watcher seen = dst.watch(
                utf8(counter),
                WatchOptions.builder().startRevision(destStart + 1).build());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 1500 && !stop.get(); i++) {
                src.put(counter, Integer.toString(i));
                src.put(p.key("w/k" + i), "v" + i);
                if (i % 50 == 0) {
                    src.delete(p.key("w/k" + (i - 1)));
                }
                written.set(i);
            }
        });
        try (seen) {
            Await.until(LONG, () -> written.get() >= 20, "the writer started");
            Running r = run(Mirror.builder(src, dst).prefix(prefix).maxTxnOps(64));
            writer.get(LONG.toSeconds(), TimeUnit.SECONDS);
            awaitSame(prefix, prefix, r, "after the writer");
            assertThat(dst.getValue(counter)).isEqualTo("1500");
            List<Integer> values = new ArrayList<>();
            while (true) {
                WatchEvent e = seen.poll(Duration.ofMillis(300));
                if (e == null) {
                    break;
                }
                if (!e.isProgress()) {
                    values.add(Integer.parseInt(e.kv().valueString()));
                }
            }
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i))
                        .as("the counter on the destination at change %d of %s; %s", i, values, r)
                        .isGreaterThan(values.get(i - 1));
            }
            assertThat(values).as(r.toString()).endsWith(1500);
            assertThat(r.synced().get())
                    .as("the copy began while the writer ran; " + r)
                    .isNotNull();
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aDestinationRestartLosesNothing(TestPrefix p) throws Exception {
        byte[] prefix = utf8(p.key("r/"));
        src.put(p.key("r/before"), "b");
        Running r = run(Mirror.builder(src, dst).prefix(prefix));
        awaitSame(prefix, prefix, r, "initial copy");
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 1500; i++) {
                src.put(p.key("r/k" + i), "v" + i);
                if (i % 10 == 9) {
                    src.delete(p.key("r/k" + (i - 5)));
                }
                written.set(i + 1);
            }
        });
        Await.until(LONG, () -> written.get() >= 300, "300 keys written");
        destServer.kill();
        long at = written.get();
        Await.until(LONG, () -> written.get() >= at + 300, "300 more keys written while the destination is down");
        destServer.start();
        writer.get(LONG.toSeconds(), TimeUnit.SECONDS);
        awaitSame(prefix, prefix, r, "after the destination's restart");
        assertThat(r.retries().get())
                .as("writes were retried while the destination was down; " + r)
                .isPositive();
        assertThat(r.done()).as(r.toString()).isNotDone();
    }

    @Test
    void transactionsOnTheDestinationHoldAtMostMaxTxnOps(TestPrefix p) throws Exception {
        byte[] prefix = utf8(p.key("t/"));
        for (int i = 0; i < 25; i++) {
            src.put(p.key("t/a" + i), "a");
        }
        long destStart = dst.put(p.key("marker"), "m").header().revision();
        try (Watcher w = dst.watch(
                prefix,
                WatchOptions.builder().prefix(true).startRevision(destStart + 1).build())) {
            Running r = run(Mirror.builder(src, dst).prefix(prefix).maxTxnOps(10));
            awaitSame(prefix, prefix, r, "initial copy");
            // one source transaction of 50 puts: one revision, 50 events
            List<TxnOp> puts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                puts.add(TxnOp.Put.of(p.key("t/b" + i), "b"));
            }
            long rev =
                    src.txn(new TxnRequest(List.of(), puts, List.of())).header().revision();
            Await.until(LONG, () -> r.mirror().revision() >= rev, "revision " + rev + " applied; " + r);
            awaitSame(prefix, prefix, r, "the big transaction");
            Map<Long, Integer> perRevision = new TreeMap<>();
            List<String> order = new ArrayList<>();
            while (true) {
                WatchEvent e = w.poll(Duration.ofMillis(300));
                if (e == null) {
                    break;
                }
                if (!e.isProgress()) {
                    perRevision.merge(e.revision(), 1, Integer::sum);
                    order.add(e.kv().keyString().substring(prefix.length));
                }
            }
            assertThat(perRevision.values())
                    .as("events per destination revision")
                    .containsExactly(10, 10, 5, 10, 10, 10, 10, 10);
            assertThat(order.subList(25, 75))
                    .as("the source's order kept across the split")
                    .isEqualTo(puts.stream()
                            .map(o -> ((TxnOp.Put) o).key())
                            .map(k -> new String(k, StandardCharsets.UTF_8).substring(prefix.length))
                            .toList());
        }
    }

    @Test
    void aCompactedRevisionFailsWithEtcdsWordsInsteadOfSkipping(TestPrefix p) throws Exception {
        byte[] prefix = utf8(p.key("c/"));
        for (int i = 0; i < 1500; i += 100) {
            List<TxnOp> puts = new ArrayList<>();
            for (int j = i; j < i + 100; j++) {
                puts.add(TxnOp.Put.of(p.key("c/k" + String.format("%04d", j)), "v"));
            }
            src.txn(new TxnRequest(List.of(), puts, List.of()));
        }
        // the destination answers nothing: the first page's writes are retried while the source compacts
        destServer.pause();
        Running r = run(Mirror.builder(src, dst).prefix(prefix));
        Await.until(LONG, () -> r.retries().get() > 0, "a write retried; " + r);
        long head = src.put(p.key("other"), "x").header().revision();
        src.jetcd().getKVClient().compact(head).get(10, TimeUnit.SECONDS);
        destServer.resume();
        Await.until(LONG, () -> r.done().isDone(), "the mirror ended; " + r);
        Throwable t = r.done().handle((x, e) -> e).join();
        assertThat(t).as(r.toString()).isNotNull();
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        assertThat(cause)
                .isInstanceOf(EtcdException.class)
                .hasMessageContaining("required revision has been compacted");
        assertThat(((EtcdException) cause).kind()).isEqualTo(io.googo.etcd.core.ErrorKind.INTERRUPTED);
        assertThat(r.synced().get()).as("the copy never claimed to be complete").isNull();
    }
}
