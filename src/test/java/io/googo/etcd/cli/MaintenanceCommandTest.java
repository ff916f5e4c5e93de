package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static io.googo.etcd.cli.CliAssertions.healthLines;
import static io.googo.etcd.cli.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code compaction}, {@code defrag}, {@code snapshot save} and {@code alarm} against a real etcd. */
class MaintenanceCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static long revisionOf(Cli.Result put) {
        return json(put).path("header").path("revision").asLong();
    }

    private static String[] filesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void compactionMakesOldRevisionsUnreadable(TestPrefix p) {
        String k = p.key("k");
        long r1 = revisionOf(cli().run("put", k, "v1", "-w", "json"));
        long r2 = revisionOf(cli().run("put", k, "v2", "-w", "json"));
        long r3 = revisionOf(cli().run("put", k, "v3", "-w", "json"));

        Cli.Result compacted = cli().run("compaction", Long.toString(r2));
        assertOk(compacted);
        assertThat(compacted.out()).isEqualTo("compacted revision " + r2 + "\n");

        assertCleanError(
                cli().run("get", k, "--rev", Long.toString(r1)),
                ExitCodes.ERROR,
                "get " + k,
                "required revision has been compacted");
        assertThat(cli().run("get", k, "--rev", Long.toString(r2), "--print-value-only")
                        .out())
                .isEqualTo("v2\n");
        assertCleanError(cli().run("compaction", Long.toString(r1)), ExitCodes.ERROR, "compaction " + r1, "compacted");

        JsonNode doc = json(cli().run("compaction", Long.toString(r3), "--physical", "-w", "json"));
        assertThat(doc.path("revision").asLong()).isEqualTo(r3);
        assertThat(doc.path("physical").asBoolean()).isTrue();
        assertThat(doc.path("header").path("member_id").asText()).matches("[0-9a-f]+");

        assertCleanError(cli().run("compaction", "0"), ExitCodes.USAGE, "'0' is not a revision");
        assertCleanError(cli().run("compaction", "abc"), ExitCodes.USAGE, "'abc' is not a revision");
        assertCleanError(cli().run("compaction", Long.toString(r3 + 1000)), ExitCodes.ERROR, "future revision");
        assertCleanError(cli().run("compaction", "5", "-w", "table"), ExitCodes.UNSUPPORTED, "can print: simple, json");
    }

    @Test
    void defragFinishesOnEveryEndpoint() {
        Cli.Result d = cli().run("defrag");
        assertOk(d);
        assertThat(d.out()).isEqualTo("Finished defragmenting etcd member[" + etcd.clientUrl() + "]\n");
        JsonNode doc = json(cli().run("defrag", "--cluster", "-w", "json"));
        assertThat(doc).hasSize(1);
        assertThat(doc.get(0).path("ok").asBoolean()).isTrue();
        assertThat(doc.get(0).path("endpoint").asText()).isEqualTo(etcd.clientUrl());
        assertCleanError(
                Cli.at(etcd.clientUrl() + ",127.0.0.1:1")
                        .global("--dial-timeout", "500ms")
                        .run("defrag"),
                ExitCodes.ERROR,
                "defrag: 1 of 2 endpoints failed",
                "127.0.0.1:1");
    }

    @Test
    void snapshotSaveWritesAFileEtcdctlAccepts(TestPrefix p, @TempDir Path dir) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertOk(cli().run("put", p.key("s" + i), "x".repeat(1000)));
        }
        long rev = revisionOf(cli().run("put", p.key("last"), "v", "-w", "json"));
        Path file = dir.resolve("snap.db");
        Files.writeString(file, "an older file is replaced whole");

        Cli.Result saved = cli().run("snapshot", "save", file.toString());
        assertOk(saved);
        assertThat(saved.out()).isEqualTo("Snapshot saved at " + file + "\n");
        assertThat(filesIn(dir)).containsExactly("snap.db");
        JsonNode st = json(etcd.etcdctl("snapshot", "status", file.toString(), "-w", "json")
                .assertOk()
                .stdout());
        assertThat(st.path("revision").asLong()).isGreaterThanOrEqualTo(rev);
        assertThat(st.path("totalKey").asLong()).isGreaterThanOrEqualTo(21);

        Path second = dir.resolve("second.db");
        JsonNode doc = json(cli().run("snapshot", "save", second.toString(), "-w", "json"));
        assertThat(doc.path("size").asLong()).isEqualTo(Files.size(second));
        assertThat(doc.path("file").asText()).isEqualTo(second.toString());
        assertThat(saved.err())
                .as("no progress line when stderr is not a terminal")
                .isEmpty();

        Cli.Result onTerminal = cli().stderrTerminal()
                .run("snapshot", "save", dir.resolve("third.db").toString());
        assertThat(onTerminal.exitCode()).as(onTerminal.toString()).isZero();
        assertThat(onTerminal.err())
                .as("a progress line, erased at the end")
                .startsWith("\rSaving snapshot: ")
                .endsWith("\r\u001b[K");
    }

    @Test
    void aFailedSaveLeavesNoFile(@TempDir Path dir) throws Exception {
        assertCleanError(
                cli().run("snapshot", "save", dir.resolve("missing/snap.db").toString()),
                ExitCodes.IO,
                "does not exist");
        assertCleanError(
                Cli.at("127.0.0.1:1")
                        .global("--dial-timeout", "500ms")
                        .run("snapshot", "save", dir.resolve("snap.db").toString()),
                ExitCodes.CONNECTION,
                "127.0.0.1:1");
        assertThat(filesIn(dir)).isEmpty();
        assertCleanError(cli().run("snapshot", "save"), ExitCodes.USAGE, "FILE");
    }

    @Test
    void anInterruptedSaveLeavesNoFile(TestPrefix p, @TempDir Path dir) throws Exception {
        assertOk(cli().run("put", p.key("k"), "v"));
        Path file = dir.resolve("snap.db");
        EtcdConfig config = EtcdConfig.builder().endpoints(etcd.clientUrl()).build();
        try (EtcdClient client = EtcdClient.create("snapshot", config)) {
            assertThatThrownBy(() -> new ClusterAdmin(client).snapshot(file, bytes -> {
                        assertThat(filesIn(dir))
                                .singleElement()
                                .asString()
                                .startsWith("snap.db.")
                                .endsWith(".part");
                        Thread.currentThread().interrupt();
                    }))
                    .isInstanceOf(EtcdException.class)
                    .extracting(e -> ((EtcdException) e).kind())
                    .isEqualTo(ErrorKind.INTERRUPTED);
        } finally {
            assertThat(Thread.interrupted())
                    .as("the interrupt is kept for the caller")
                    .isTrue();
        }
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void alarmsAreListedReportedByHealthAndDisarmed(@TempDir Path dir) throws Exception {
        Cli.Result none = cli().run("alarm", "list");
        assertOk(none);
        assertThat(none.out()).isEmpty();
        assertThat(cli().run("alarm", "list", "-w", "etcdctl-json").out()).isEqualTo("{}\n");

        // a write that would take the database past its quota raises NOSPACE
        try (EtcdProcess small = EtcdProcess.builder()
                .extraArgs("--quota-backend-bytes", "100000")
                .start()) {
            Cli cli = Cli.at(small.clientUrl());
            assertCleanError(cli.run("put", "k", "x".repeat(100_000)), ExitCodes.ERROR, "database space exceeded");
            String memberId =
                    Long.toUnsignedString(Long.parseUnsignedLong(small.status().memberId()));
            Cli.Result list = cli.run("alarm", "list");
            assertOk(list);
            assertThat(list.out())
                    .isEqualTo(small.etcdctl("alarm", "list").assertOk().stdout())
                    .isEqualTo("memberID:" + memberId + " alarm:NOSPACE \n");
            JsonNode doc = json(cli.run("alarm", "list", "-w", "json"));
            assertThat(doc.path("alarms").get(0).path("alarm").asText()).isEqualTo("NOSPACE");
            assertThat(doc.path("alarms").get(0).path("memberID").asText())
                    .isEqualTo(Long.toHexString(Long.parseUnsignedLong(memberId)));
            assertThat(json(cli.run("alarm", "list", "-w", "etcdctl-json")))
                    .isEqualTo(json(small.etcdctl("alarm", "list", "-w", "json")
                            .assertOk()
                            .stdout()));

            Cli.Result health = healthLines(cli.run("endpoint", "health"));
            assertCleanError(health, ExitCodes.ERROR, "unhealthy cluster", small.clientUrl());
            assertThat(health.out()).contains("is unhealthy: failed to commit proposal: Active Alarm(s): NOSPACE");
            assertThat(cli.run("endpoint", "status").out()).contains("alarm:NOSPACE");

            Cli.Result disarm = cli.run("alarm", "disarm");
            assertOk(disarm);
            assertThat(disarm.out()).isEqualTo("memberID:" + memberId + " alarm:NOSPACE \n");
            assertThat(cli.run("alarm", "list").out()).isEmpty();
            assertOk(healthLines(cli.run("endpoint", "health")));
        }
    }
}
