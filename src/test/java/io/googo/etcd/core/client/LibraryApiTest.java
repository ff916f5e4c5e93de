package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.key.KeyNames;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.txn.Compare;
import io.googo.etcd.core.txn.TxnOp;
import io.googo.etcd.core.txn.TxnRequest;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchHandle;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Go library's quick starts, written in Java, against a real etcd (issue #14). */
class LibraryApiTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private final Clients clients = new Clients();
    private final TestPrefix p = TestPrefix.random();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() {
        clients.closeAll();
    }

    private static EtcdConfig config() {
        return EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .requestTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void registeringDefaultMakesTheDefaultClient() {
        EtcdClient c = clients.register("default", config());
        assertThat(clients.getDefault()).isSameAs(c);
        assertThat(clients.defaultName()).isEqualTo("default");
    }

    @Test
    void anExplicitDefaultIsKeptWhenDefaultIsRegisteredLater() {
        EtcdClient a = clients.register("a", config());
        clients.setDefault("a");
        clients.register("default", config());
        assertThat(clients.getDefault()).isSameAs(a);
    }

    @Test
    void aTransactionIsWrittenWithStringKeys() {
        EtcdClient c = clients.register("default", config());
        c.put(p.key("t"), "old");
        TxnResult r = c.txn(new TxnRequest(
                List.of(
                        Compare.value(p.key("t"), Compare.Operator.EQUAL, "old"),
                        Compare.number(p.key("absent"), Compare.Target.CREATE, Compare.Operator.EQUAL, 0)),
                List.of(
                        TxnOp.Put.of(p.key("t"), "new"),
                        TxnOp.Delete.of(p.key("gone"), DeleteOptions.DEFAULT),
                        TxnOp.Get.of(p.key("t"), GetOptions.DEFAULT)),
                List.of()));
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(c.getValue(p.key("t"))).isEqualTo("new");
    }

    @Test
    void putIfAbsentWritesOnlyAMissingKey() {
        EtcdClient c = clients.register("default", config());
        assertThat(c.putIfAbsent(p.key("k"), "1")).isTrue();
        assertThat(c.putIfAbsent(p.key("k"), "2")).isFalse();
        assertThat(c.getValue(p.key("k"))).isEqualTo("1");
    }

    @Test
    void tryLockOnACallersLeaseAsTheGoSchedulerDoes() {
        EtcdClient c = clients.register("default", config());
        long mine = c.grant(Duration.ofSeconds(30)).id();
        long theirs = c.grant(Duration.ofSeconds(30)).id();
        String lock = p.key("lock/job-1");
        assertThat(c.tryLock(lock, mine)).isTrue();
        assertThat(c.tryLock(lock, theirs)).isFalse();
        assertThat(c.unlock(lock, theirs))
                .as("a lease that does not hold it cannot unlock")
                .isFalse();
        assertThat(c.get(lock).kvs())
                .singleElement()
                .satisfies(kv -> assertThat(kv.lease()).isEqualTo(mine));
        assertThat(c.unlock(lock, mine)).isTrue();
        assertThat(c.tryLock(lock, theirs)).isTrue();
        c.revoke(theirs);
        assertThat(c.get(lock).kvs()).as("the lock goes with its lease").isEmpty();
        assertThat(c.tryLock(lock, mine)).isTrue();
    }

    @Test
    void keySegmentsAsABoolean() {
        assertThat(KeyNames.isValidKeySegment("job-1")).isTrue();
        assertThat(KeyNames.isValidKeySegment("a/b")).isFalse();
        assertThat(KeyNames.isValidKeySegment("a\\b")).isFalse();
        assertThat(KeyNames.isValidKeySegment("")).isFalse();
        assertThat(KeyNames.isValidKeySegment(null)).isFalse();
    }

    @Test
    void aProfileFileWithoutTheEnvironment() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(
                file,
                "current: a\nclusters:\n  a:\n    endpoints: [http://127.0.0.1:1]\n  b:\n"
                        + "    endpoints: [" + etcd.clientUrl()
                        + "]\n    request-timeout: 7s\n    username: u\n    password: pw\n"
                        + "  c:\n    endpoints: [" + etcd.clientUrl() + "]\n    username: u\n    password-env: P\n");
        EtcdConfig b = EtcdConfig.fromProfile(file, "b");
        assertThat(b.endpoints()).containsExactly(etcd.clientUrl());
        assertThat(b.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(b.username()).isEqualTo("u");
        assertThat(b.password()).isEqualTo("pw");
        assertThat(EtcdConfig.fromProfile(file, null).endpoints()).containsExactly("http://127.0.0.1:1");
        // no process environment: password-env needs the variables given
        assertThatThrownBy(() -> EtcdConfig.fromProfile(file, "c"))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
        assertThat(EtcdConfig.fromProfile(file, "c", Map.of("P", "secret")).password())
                .isEqualTo("secret");
        assertThatThrownBy(() -> EtcdConfig.fromProfile(file, "nope"))
                .isInstanceOfSatisfying(
                        EtcdException.class,
                        e -> assertThat(e.getMessage()).contains("nope").doesNotContain("--"));
    }

    @Test
    void aPushStyleWatchDeliversEachEventToTheListenerUntilClosed() throws Exception {
        EtcdClient c = clients.register("default", config());
        BlockingQueue<WatchEvent> got = new LinkedBlockingQueue<>();
        WatchHandle h = c.watch(p.value(), WatchOptions.builder().prefix(true).build(), got::add);
        c.put(p.key("a"), "1");
        c.delete(p.key("a"), DeleteOptions.builder().prevKv(true).build());
        WatchEvent put = got.poll(30, TimeUnit.SECONDS);
        WatchEvent del = got.poll(30, TimeUnit.SECONDS);
        assertThat(put).as("put event").isNotNull();
        assertThat(put.type()).isEqualTo(WatchEvent.Type.PUT);
        assertThat(del).as("delete event").isNotNull();
        assertThat(del.type()).isEqualTo(WatchEvent.Type.DELETE);
        h.close();
        assertThat(h.isClosed()).isTrue();
        c.put(p.key("b"), "1");
        assertThat(got.poll(300, TimeUnit.MILLISECONDS))
                .as("nothing after close")
                .isNull();
    }

    @Test
    void aPullStyleWatchFromWatchIsStartedAndAnUnstartedWatcherFailsLoudly() throws Exception {
        EtcdClient c = clients.register("default", config());
        try (Watcher w = c.watch(p.key("x"), WatchOptions.DEFAULT)) {
            c.put(p.key("x"), "1");
            WatchEvent ev = w.poll(Duration.ofSeconds(30));
            assertThat(ev).isNotNull();
            assertThat(ev.kv().valueString()).isEqualTo("1");
        }
        try (Watcher w = c.watcher(p.key("x"), WatchOptions.DEFAULT)) {
            assertThatThrownBy(() -> w.poll(Duration.ofMillis(10)))
                    .isInstanceOfSatisfying(
                            EtcdException.class, e -> assertThat(e.getMessage()).contains("start()"));
        }
    }

    @Test
    void stringOverloadsAndOptionBuilders() {
        EtcdClient c = clients.register("default", config());
        c.put(p.key("s/1"), "a");
        c.put(p.key("s/2"), "b");
        assertThat(c.get(p.key("s/"), GetOptions.builder().prefix(true).build()).kvs())
                .hasSize(2);
        assertThat(c.delete(p.key("s/"), DeleteOptions.builder().prefix(true).build())
                        .deleted())
                .isEqualTo(2);
    }

    @Test
    void compressionAgainstAServerWithoutGzipIsOneErrorThatNamesTheSetting() {
        EtcdClient c =
                clients.register("gzip", config().toBuilder().compression(true).build());
        assertThatThrownBy(() -> c.put(p.key("z"), "v"))
                .isInstanceOfSatisfying(
                        EtcdException.class,
                        e -> assertThat(e.getMessage())
                                .as(e.getMessage())
                                .contains("put " + p.key("z"))
                                .contains("does not accept gzip-compressed requests", "turn compression off"));
        assertThat(clients.register("plain", config()).getValue(p.key("z")))
                .as("nothing written")
                .isNull();
    }

    @Test
    void grpcDebugLogTurnsOnGrpcsLogging() {
        java.util.logging.Logger grpc = java.util.logging.Logger.getLogger("io.grpc");
        java.util.logging.Level before = grpc.getLevel();
        EtcdClient c = clients.register(
                "debug", config().toBuilder().grpcDebugLog(true).build());
        assertThat(grpc.getLevel()).isEqualTo(java.util.logging.Level.FINE);
        assertThat(grpc.getHandlers()).isNotEmpty();
        clients.unregister("debug");
        assertThat(grpc.getLevel()).as("restored when the client closes").isEqualTo(before);
        assertThat(c.toString()).contains("debug");
    }

    @Test
    void grpcDebugLogLeavesOutTheMissingCensusModule() {
        java.util.logging.Logger grpc = java.util.logging.Logger.getLogger("io.grpc");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler recorder = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        recorder.setLevel(java.util.logging.Level.ALL);
        grpc.addHandler(recorder);
        try {
            EtcdClient c = clients.register(
                    "debug-census", config().toBuilder().grpcDebugLog(true).build());
            c.getValue(p.key("census"));
            clients.unregister("debug-census");
        } finally {
            grpc.removeHandler(recorder);
        }
        assertThat(records).as("gRPC's FINE records still reach the debug log").isNotEmpty();
        assertThat(records)
                .as("no record of the census module it looks for by reflection")
                .noneMatch(r ->
                        r.getThrown() != null && String.valueOf(r.getThrown()).contains("io.grpc.census"));
    }

    @Test
    void misuseIsAnEtcdExceptionNotAnIllegalArgumentOrState() {
        EtcdClient c = clients.register("default", config());
        assertThatThrownBy(() -> WatchOptions.builder().startRevision(-1).build())
                .isInstanceOf(EtcdException.class);
        assertThatThrownBy(() -> LeaseKeeper.start(c, 1, Duration.ofSeconds(-1), new LeaseKeeper.Listener() {
                    @Override
                    public void lost(io.googo.etcd.core.lease.LeaseLost lost) {}
                }))
                .isInstanceOf(EtcdException.class);
        assertThatThrownBy(() -> io.googo.etcd.core.txn.Compare.number(
                        "k".getBytes(),
                        io.googo.etcd.core.txn.Compare.Target.VALUE,
                        io.googo.etcd.core.txn.Compare.Operator.EQUAL,
                        1))
                .isInstanceOf(EtcdException.class);
        try (Watcher w = c.watch(p.key("y"), WatchOptions.DEFAULT)) {
            assertThatThrownBy(w::start).isInstanceOf(EtcdException.class);
        }
        assertThat(List.of()).isEmpty();
    }
}
