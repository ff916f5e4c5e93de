package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code get} of a 50,000-key prefix, read in pages: every key once, in order, and one consistent
 * snapshot even while others write under the same prefix.
 */
class PagingTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static final int N = 50_000;
    private static final int TXN_OPS = 100;
    private static final int IN_FLIGHT = 8;

    private static String prefix;
    private static Client client;

    private static String key(int i) {
        return prefix + String.format("k%05d", i);
    }

    private static String value(int i) {
        return String.format("v%05d", i);
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The 50,000 keys, in txns of 100 puts with a few txns in flight. */
    @BeforeAll
    static void load() throws Exception {
        prefix = TestPrefix.random().key("big/");
        client = Client.builder().endpoints(etcd.clientUrl()).build();
        KV kv = client.getKVClient();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int start = 0; start < N; start += TXN_OPS) {
            Op[] ops = new Op[TXN_OPS];
            for (int j = 0; j < TXN_OPS; j++) {
                ops[j] = Op.put(bs(key(start + j)), bs(value(start + j)), PutOption.DEFAULT);
            }
            slots.acquire();
            CompletableFuture<?> f = kv.txn().Then(ops).commit().whenComplete((r, e) -> slots.release());
            all.add(f);
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        long count = kv.get(
                        bs(prefix),
                        io.etcd.jetcd.options.GetOption.builder()
                                .isPrefix(true)
                                .withCountOnly(true)
                                .build())
                .get(10, TimeUnit.SECONDS)
                .getCount();
        assertThat(count).as("keys loaded").isEqualTo(N);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.at(etcd.clientUrl()).run(args);
        if (r.exitCode() != 0 || !r.err().isEmpty()) {
            throw new AssertionError("gooetcd " + String.join(" ", args) + " failed: exit=" + r.exitCode()
                    + "\n--- stderr ---\n" + r.err() + "\n--- stdout (first 2000 chars) ---\n"
                    + r.out().substring(0, Math.min(2000, r.out().length())));
        }
        return r;
    }

    /** One write of the background writer: the key, the revision it was written at, and whether it was new. */
    private record Write(String key, long revision, boolean created) {}

    @Test
    void pagedReadIsOneConsistentSnapshotWhileOthersWrite() throws Exception {
        List<Write> writes = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        KV kv = client.getKVClient();
        Thread writer = new Thread(
                () -> {
                    int n = 0;
                    try {
                        while (!stop.get()) {
                            int i = ThreadLocalRandom.current().nextInt(N);
                            boolean create = (n++ & 1) == 0;
                            // a new key sorts right after key(i), so new keys land in every page
                            String k = create ? key(i) + ".n" + n : key(i);
                            long rev = kv.put(bs(k), bs("w" + n))
                                    .get(10, TimeUnit.SECONDS)
                                    .getHeader()
                                    .getRevision();
                            writes.add(new Write(k, rev, create));
                        }
                    } catch (Throwable t) {
                        writerFailure.set(t);
                    }
                },
                "paging-test-writer");
        writer.setDaemon(true);
        writer.start();
        Cli.Result r;
        try {
            Await.until(Duration.ofSeconds(10), () -> writes.size() >= 10, "the writer to be writing");
            r = ok("get", prefix, "--prefix", "--page-size", "1000", "-w", "json");
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
        assertThat(writerFailure.get()).as("writer failure").isNull();
        try {
            JsonNode doc = json(r.out());
            long snapshot = doc.path("header").path("revision").asLong();
            JsonNode kvs = doc.path("kvs");

            TreeSet<String> expected = new TreeSet<>();
            for (int i = 0; i < N; i++) {
                expected.add(key(i));
            }
            Map<String, Long> firstUpdate = new HashMap<>();
            List<Write> newAfter = new ArrayList<>();
            for (Write w : writes) {
                if (w.created() && w.revision() <= snapshot) {
                    expected.add(w.key());
                } else if (w.created()) {
                    newAfter.add(w);
                } else {
                    firstUpdate.putIfAbsent(w.key(), w.revision());
                }
            }

            List<String> keys = new ArrayList<>(kvs.size());
            long maxMod = 0;
            String previous = "";
            for (JsonNode kvNode : kvs) {
                String k = kvNode.path("key").asText();
                assertThat(k)
                        .as("keys strictly ascending: no duplicate, no disorder")
                        .isGreaterThan(previous);
                previous = k;
                keys.add(k);
                long mod = kvNode.path("mod_revision").asLong();
                maxMod = Math.max(maxMod, mod);
                Long updatedAt = firstUpdate.get(k);
                if (updatedAt != null && updatedAt > snapshot) {
                    assertThat(kvNode.path("value").asText())
                            .as("%s was first updated after the snapshot", k)
                            .isEqualTo(value(Integer.parseInt(k.substring(prefix.length() + 1))));
                }
            }
            assertThat(maxMod)
                    .as("every mod_revision <= header.revision " + snapshot)
                    .isLessThanOrEqualTo(snapshot);
            assertThat(keys)
                    .as("exactly the keys that existed at the snapshot")
                    .hasSize(expected.size())
                    .containsExactlyElementsOf(expected);
            assertThat(doc.path("count").asLong()).isEqualTo(expected.size());
            assertThat(doc.path("more").asBoolean()).isFalse();

            // the writer really wrote into pages that were read after the first one
            String endOfFirstPage = keys.get(999);
            assertThat(newAfter)
                    .as("new keys written after the snapshot, past the first page")
                    .anySatisfy(w -> assertThat(w.key()).isGreaterThan(endOfFirstPage));
            assertThat(firstUpdate.values())
                    .as("updates after the snapshot")
                    .anySatisfy(rev -> assertThat(rev).isGreaterThan(snapshot));
            assertThat(keys)
                    .as("no key created after the snapshot")
                    .doesNotContainAnyElementsOf(
                            newAfter.stream().map(Write::key).toList());
        } finally {
            deleteCreated(writes);
        }
    }

    /** Removes the writer's new keys, so the other tests see exactly the 50,000. */
    private static void deleteCreated(List<Write> writes) throws Exception {
        List<Op> ops = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Write w : writes) {
            if (w.created()) {
                ops.add(Op.delete(bs(w.key()), DeleteOption.DEFAULT));
            }
            if (ops.size() == TXN_OPS) {
                all.add(client.getKVClient().txn().Then(ops.toArray(new Op[0])).commit());
                ops.clear();
            }
        }
        if (!ops.isEmpty()) {
            all.add(client.getKVClient().txn().Then(ops.toArray(new Op[0])).commit());
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    }

    @Test
    void limitAcrossPagesReturnsExactlyTheLimitAndSaysThereIsMore() {
        Cli.Result r = ok("get", prefix, "--prefix", "--limit", "2500", "--page-size", "1000", "-w", "json");
        JsonNode doc = json(r.out());
        JsonNode kvs = doc.path("kvs");
        assertThat(kvs.size()).isEqualTo(2500);
        for (int i = 0; i < 2500; i++) {
            assertThat(kvs.get(i).path("key").asText()).isEqualTo(key(i));
        }
        assertThat(doc.path("more").asBoolean()).as("more").isTrue();
        assertThat(doc.path("count").asLong()).as("count of the whole range").isEqualTo(N);
    }

    @Test
    void keysOnlySimpleOutputHasEveryKeyOnce() {
        Cli.Result r = ok("get", prefix, "--prefix", "--keys-only", "--page-size", "1000");
        long expectedBytes = 0;
        for (int i = 0; i < N; i++) {
            expectedBytes += key(i).getBytes(StandardCharsets.UTF_8).length + 2;
        }
        assertThat(r.outBytes().length)
                .as("output size: each key once, each followed by an empty line")
                .isEqualTo(expectedBytes);
        String[] lines = r.out().split("\n", -1);
        assertThat(lines).hasSize(2 * N + 1);
        for (int i = 0; i < N; i++) {
            if (!lines[2 * i].equals(key(i)) || !lines[2 * i + 1].isEmpty()) {
                throw new AssertionError("line " + (2 * i) + ": expected " + key(i) + " and an empty line, got '"
                        + lines[2 * i] + "', '" + lines[2 * i + 1] + "'");
            }
        }
        assertThat(lines[2 * N]).as("nothing after the last newline").isEmpty();
    }
}
