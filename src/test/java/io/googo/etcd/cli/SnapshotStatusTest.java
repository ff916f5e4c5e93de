package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertNoStackTrace;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static io.googo.etcd.cli.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.SnapshotStatus;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot status} against etcdctl 3.4's on the same snapshot file, in every format; and on
 * files that are not sound snapshots, one clean error each.
 */
class SnapshotStatusTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @TempDir
    static Path dir;

    /** A snapshot of a store with split pages, overflow pages, deletions, a compaction and a lease. */
    private static Path snapshot;

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void save() throws Exception {
        String prefix = TestPrefix.random().key("snap/");
        Random random = new Random(15);
        try (Client client = Client.builder().endpoints(etcd.clientUrl()).build()) {
            KV kv = client.getKVClient();
            // a few hundred keys, so the key bucket's pages split into a tree
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                inFlight.add(kv.put(bs(prefix + String.format("k%04d", i)), bs("value " + i + " " + "x".repeat(200))));
                if (inFlight.size() == 16 || i == 399) {
                    for (CompletableFuture<?> f : inFlight) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    inFlight.clear();
                }
            }
            // values larger than a page (overflow pages), one larger than the reader buffers whole
            for (int size : new int[] {6_000, 40_000, 300_000}) {
                byte[] v = new byte[size];
                random.nextBytes(v);
                kv.put(bs(prefix + "big" + size), ByteSequence.from(v)).get(30, TimeUnit.SECONDS);
            }
            // deletions and overwrites, then a compaction: revisions no longer count keys
            for (int i = 0; i < 400; i += 3) {
                kv.delete(bs(prefix + String.format("k%04d", i))).get(30, TimeUnit.SECONDS);
            }
            long rev = 0;
            for (int i = 1; i < 400; i += 7) {
                rev = kv.put(bs(prefix + String.format("k%04d", i)), bs("again " + i))
                        .get(30, TimeUnit.SECONDS)
                        .getHeader()
                        .getRevision();
            }
            client.getKVClient().compact(rev - 20).get(30, TimeUnit.SECONDS);
            client.getLeaseClient().grant(600).get(30, TimeUnit.SECONDS);
        }
        snapshot = dir.resolve("snap.db");
        assertOk(cli().run("snapshot", "save", snapshot.toString()));
    }

    private static Cli.Result status(Path file, String... format) {
        List<String> args = new ArrayList<>(List.of("snapshot", "status", file.toString()));
        args.addAll(List.of(format));
        return Cli.bare().run(args.toArray(new String[0]));
    }

    @Test
    void everyFormatIsEtcdctls() {
        for (String format : new String[] {"simple", "table", "fields"}) {
            EtcdctlResult c = etcd.etcdctl("snapshot", "status", snapshot.toString(), "-w", format)
                    .assertOk();
            Cli.Result g = status(snapshot, "-w", format);
            assertOk(g);
            assertThat(g.out())
                    .as("-w " + format + "\n" + g + "\netcdctl:\n" + c)
                    .isEqualTo(c.stdout());
        }
        EtcdctlResult c = etcd.etcdctl("snapshot", "status", snapshot.toString(), "-w", "json")
                .assertOk();
        Cli.Result g = status(snapshot, "-w", "etcdctl-json");
        assertOk(g);
        assertThat(g.outBytes())
                .as(g + "\netcdctl:\n" + c)
                .containsExactly(c.stdout().getBytes(StandardCharsets.UTF_8));

        JsonNode ctl = json(c.stdout());
        assertThat(ctl.path("revision").asLong())
                .as("a store where revisions and keys differ: " + c)
                .isNotEqualTo(ctl.path("totalKey").asLong());
        assertThat(ctl.path("totalSize").asLong()).as(c.toString()).isGreaterThan(500_000);
        JsonNode ours = json(status(snapshot, "-w", "json"));
        assertThat(ours.path("file").asText()).isEqualTo(snapshot.toString());
        assertThat(ours.path("hash").asText())
                .isEqualTo(Long.toHexString(ctl.path("hash").asLong()));
        assertThat(ours.path("revision").asLong())
                .isEqualTo(ctl.path("revision").asLong());
        assertThat(ours.path("total_keys").asLong())
                .isEqualTo(ctl.path("totalKey").asLong());
        assertThat(ours.path("total_size").asLong())
                .isEqualTo(ctl.path("totalSize").asLong());
        assertThat(ours.size()).as(ours.toString()).isEqualTo(5);

        assertThat(status(snapshot).out())
                .as("simple is the default")
                .isEqualTo(status(snapshot, "-w", "simple").out());
    }

    @Test
    void filesThatAreNoSnapshotsGetOneCleanError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertCleanError(status(empty), ExitCodes.INVALID_INPUT, empty.toString(), "empty");

        byte[] whole = Files.readAllBytes(snapshot);
        for (int length : new int[] {100, 4096, 8192, whole.length / 2, whole.length - 4096 - 32}) {
            Path truncated = dir.resolve("truncated-" + length + ".db");
            Files.write(truncated, java.util.Arrays.copyOf(whole, length));
            assertCleanError(status(truncated), ExitCodes.INVALID_INPUT, truncated.toString(), "truncated");
        }

        byte[] noise = new byte[100_000];
        new Random(3).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.db"), noise);
        assertCleanError(status(random), ExitCodes.INVALID_INPUT, "not a bbolt database");
        Path text = Files.writeString(dir.resolve("text.db"), "key=value\n".repeat(1000));
        assertCleanError(status(text), ExitCodes.INVALID_INPUT, "not a bbolt database");

        byte[] badMeta = whole.clone();
        badMeta[16 + 20] ^= 1; // the root bucket's page in meta page 0
        badMeta[4096 + 16 + 20] ^= 1; // and in meta page 1
        Path checksum = Files.write(dir.resolve("checksum.db"), badMeta);
        assertCleanError(status(checksum), ExitCodes.INVALID_INPUT, "checksum");

        assertCleanError(status(dir.resolve("missing.db")), ExitCodes.IO, "missing.db", "no such file");
        assertCleanError(status(dir), ExitCodes.IO, "is a directory");
        assertCleanError(Cli.bare().run("snapshot", "status"), ExitCodes.USAGE, "FILE");
        assertCleanError(status(snapshot, "-w", "protobuf"), ExitCodes.UNSUPPORTED, "protobuf");
    }

    @Test
    void oneGoodMetaPageIsEnough() throws Exception {
        // bbolt writes the two meta pages in turn; a torn write leaves one: the other still opens the file
        byte[] torn = Files.readAllBytes(snapshot);
        java.util.Arrays.fill(torn, 0, 4096, (byte) 0);
        Path file = Files.write(dir.resolve("torn.db"), torn);
        EtcdctlResult c = etcd.etcdctl("snapshot", "status", file.toString(), "-w", "json")
                .assertOk();
        Cli.Result g = status(file, "-w", "etcdctl-json");
        assertOk(g);
        assertThat(g.out()).as(g + "\netcdctl:\n" + c).isEqualTo(c.stdout());
    }

    /** The pages of the snapshot, as (offset, flags) of each page that starts a branch or leaf page. */
    private static List<int[]> pages(byte[] file, int flag) {
        List<int[]> found = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 2 * 4096; off + 4096 <= file.length; off += 4096) {
            if (b.getLong(off) == off / 4096 && b.getShort(off + 8) == flag) {
                found.add(new int[] {off, b.getShort(off + 10) & 0xffff});
            }
        }
        return found;
    }

    @Test
    void aCyclicPageReferenceEndsInAnError() throws Exception {
        byte[] whole = Files.readAllBytes(snapshot);
        List<int[]> branches = pages(whole, 0x01);
        assertThat(branches).as("the key bucket has split into a tree").isNotEmpty();
        // every branch page (free ones too: which are live is the reader's business) has its last child
        // point back at itself
        byte[] cyclic = whole.clone();
        ByteBuffer b = ByteBuffer.wrap(cyclic).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] branch : branches) {
            int off = branch[0];
            b.putLong(off + 16 + (branch[1] - 1) * 16 + 8, off / 4096);
        }
        Path file = Files.write(dir.resolve("cyclic.db"), cyclic);
        assertCleanError(status(file), ExitCodes.INVALID_INPUT, "referenced twice");
    }

    /** One damage: {@code width} bytes (4 or 1) of {@code value} written at {@code offset}. */
    private record Damage(int offset, int width, int value) {
        byte[] apply(byte[] whole) {
            byte[] d = whole.clone();
            if (width == 4) {
                ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
            } else {
                d[offset] = (byte) value;
            }
            return d;
        }
    }

    @Test
    void damageAnywhereIsAnErrorOrAnAnswerNeverACrash() throws Exception {
        byte[] whole = Files.readAllBytes(snapshot);
        Random random = new Random(42);
        // the header and first element of 30 pages, each field made wild; then single bytes anywhere
        List<Damage> damages = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            int off = 4096 * (2 + random.nextInt(whole.length / 4096 - 2));
            for (int field : new int[] {0, 8, 10, 12, 16, 20, 24}) {
                damages.add(new Damage(off + field, 4, random.nextInt()));
            }
        }
        for (int i = 0; i < 100; i++) {
            damages.add(new Damage(random.nextInt(whole.length), 1, random.nextInt()));
        }
        // the reader itself (cheap), then the command on a few of the failures
        Path file = dir.resolve("damaged.db");
        List<Damage> failed = new ArrayList<>();
        for (Damage d : damages) {
            Files.write(file, d.apply(whole));
            try {
                SnapshotStatus.read(file);
            } catch (EtcdException e) {
                assertThat(e.kind()).as("%s: %s", d, e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
                assertThat(e.getMessage()).doesNotContain("\n").contains("not a valid etcd snapshot");
                failed.add(d);
            }
        }
        for (Damage d : failed.subList(0, Math.min(5, failed.size()))) {
            Files.write(file, d.apply(whole));
            Cli.Result r = status(file);
            assertNoStackTrace(r);
            assertCleanError(r, ExitCodes.INVALID_INPUT, "not a valid etcd snapshot");
        }
        // many pages are free (old versions of pages), where damage changes nothing: only some must fail
        assertThat(failed)
                .as("errors among " + damages.size() + " damaged files")
                .isNotEmpty();
    }

    @Test
    void helpCompletionAndManPagesShowIt() {
        Cli.Result help = Cli.bare().run("snapshot", "--help");
        assertThat(help.out()).as(help.toString()).contains("status", "save", "etcdutl snapshot restore");
        assertThat(Cli.bare().run("snapshot", "status", "--help").out()).contains("FILE", "-w");
        assertThat(Completions.bash()).contains("snapshot status");
        assertThat(Completions.zsh()).contains("snapshot status");
        assertThat(ManPages.all()).containsKey("gooetcd-snapshot-status.1");
        assertThat(ManPages.all().get("gooetcd-snapshot.1")).contains("status");
    }
}
