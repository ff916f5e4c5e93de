package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gooetcd watch} against a real etcd: every flag, exec hooks, interactive mode, compaction, bad usage. */
class WatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(20);

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.builder()
            .extraArgs("--experimental-watch-progress-notify-interval=200ms")
            .build();

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = EtcdClient.create(
                "test", EtcdConfig.builder().endpoints(ETCD.clientUrl()).build());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Cli cli() {
        return Cli.at(ETCD.clientUrl());
    }

    private static long put(String key, String value) {
        return client.put(key, value).header().revision();
    }

    private static long del(String key) {
        return client.delete(key).header().revision();
    }

    /** Writes a, b (with spaces), a again, deletes a; returns the revision of the first write. */
    private static long history(TestPrefix p) {
        long first = put(p.key("a"), "1");
        put(p.key("b"), "two words");
        put(p.key("a"), "3");
        del(p.key("a"));
        return first;
    }

    @Test
    void replaysFromRevPrintingLikeEtcdctl(TestPrefix p) {
        long rev = history(p);
        var r = cli().run("watch", "--prefix", p.value(), "--rev", Long.toString(rev), "--max-events", "4");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String a = p.key("a");
        assertThat(r.out())
                .isEqualTo("PUT\n" + a + "\n1\nPUT\n" + p.key("b") + "\ntwo words\nPUT\n" + a + "\n3\n" + "DELETE\n" + a
                        + "\n\n");
    }

    @Test
    void prevKvPrintsThePreviousPairFirst(TestPrefix p) {
        long rev = history(p);
        var r = cli().run("watch", p.key("a"), "--rev", Long.toString(rev), "--prev-kv", "--max-events", "3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String a = p.key("a");
        assertThat(r.out())
                .isEqualTo("PUT\n" + a + "\n1\nPUT\n" + a + "\n1\n" + a + "\n3\nDELETE\n" + a + "\n3\n" + a + "\n\n");
    }

    @Test
    void aSingleKeyOrARangeEnd(TestPrefix p) {
        long rev = put(p.key("a"), "x");
        put(p.key("b"), "y");
        put(p.key("c"), "z");
        put(p.key("a"), "x2");
        var single = cli().run("watch", p.key("a"), "--rev", Long.toString(rev), "--max-events", "2");
        assertThat(single.out())
                .as(single.toString())
                .isEqualTo("PUT\n" + p.key("a") + "\nx\nPUT\n" + p.key("a") + "\nx2\n");
        var range = cli().run("watch", p.key("b"), p.key("c"), "--rev", Long.toString(rev), "--max-events", "1");
        assertThat(range.out()).as(range.toString()).isEqualTo("PUT\n" + p.key("b") + "\ny\n");
    }

    @Test
    void noPutAndNoDeleteFilterEvents(TestPrefix p) {
        long rev = history(p);
        var noPut =
                cli().run("watch", "--prefix", p.value(), "--rev", Long.toString(rev), "--no-put", "--max-events", "1");
        assertThat(noPut.out()).as(noPut.toString()).isEqualTo("DELETE\n" + p.key("a") + "\n\n");
        var noDelete = cli().run(
                        "watch",
                        "--prefix",
                        p.value(),
                        "--rev",
                        Long.toString(rev),
                        "--no-delete",
                        "--max-events",
                        "3",
                        "-w",
                        "json");
        assertThat(noDelete.out().lines().map(l -> json(l).get("type").asText()).toList())
                .as(noDelete.toString())
                .containsExactly("PUT", "PUT", "PUT");
    }

    /**
     * Keys and values of odd bytes (quote, backslash, control characters, DEL, U+2028, an emoji,
     * bytes that are not UTF-8), byte for byte, in JSON (written by hand per event) and in the
     * default format.
     */
    @Test
    void oddBytesArePrintedByteForByte(TestPrefix p) {
        byte[] base = p.key("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] odd = "q\"b\\c\u0001\t\u007f\u2028\uD83D\uDE00".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] key = java.util.Arrays.copyOf(base, base.length + odd.length);
        System.arraycopy(odd, 0, key, base.length, odd.length);
        byte[] value = {'v', (byte) 0xff, 0, '"'};
        long rev = client.put(key, value, PutOptions.DEFAULT).header().revision();
        client.put(key, odd, PutOptions.DEFAULT);
        String k = p.key("");
        var json = cli().run(
                        "watch", "--prefix", p.value(), "--rev", Long.toString(rev), "--max-events", "2", "-w", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        String expected = "{\"type\":\"PUT\",\"key\":\"" + k + "q\\\"b\\\\c\\u0001\\t\u007f\u2028\\uD83D\\uDE00\","
                + "\"value_base64\":\"dv8AIg==\",\"create_revision\":" + rev + ",\"mod_revision\":" + rev
                + ",\"version\":1,\"lease\":\"0\",\"prev_kv\":null}\n"
                + "{\"type\":\"PUT\",\"key\":\"" + k + "q\\\"b\\\\c\\u0001\\t\u007f\u2028\\uD83D\\uDE00\","
                + "\"value\":\"q\\\"b\\\\c\\u0001\\t\u007f\u2028\\uD83D\\uDE00\",\"create_revision\":" + rev
                + ",\"mod_revision\":" + (rev + 1) + ",\"version\":2,\"lease\":\"0\",\"prev_kv\":null}\n";
        assertThat(json.outBytes())
                .as(json.toString())
                .isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var simple = cli().run("watch", "--prefix", p.value(), "--rev", Long.toString(rev), "--max-events", "2");
        assertThat(simple.exitCode()).as(simple.toString()).isZero();
        java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
        for (byte[] v : new byte[][] {value, odd}) {
            want.writeBytes("PUT\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            want.writeBytes(key);
            want.write('\n');
            want.writeBytes(v);
            want.write('\n');
        }
        assertThat(simple.outBytes()).as(simple.toString()).isEqualTo(want.toByteArray());
    }

    @Test
    void jsonIsOneObjectPerEventPerLine(TestPrefix p) {
        long rev = put(p.key("a"), "v1");
        client.put(p.key("bin").getBytes(), new byte[] {(byte) 0xff, 0}, PutOptions.DEFAULT);
        long d = del(p.key("a"));
        var r = cli().run(
                        "watch",
                        "--prefix",
                        p.value(),
                        "--rev",
                        Long.toString(rev),
                        "--prev-kv",
                        "--max-events",
                        "3",
                        "-w",
                        "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(json(lines.get(0)))
                .isEqualTo(json("{\"type\":\"PUT\",\"key\":\"" + p.key("a") + "\",\"value\":\"v1\","
                        + "\"create_revision\":" + rev + ",\"mod_revision\":" + rev + ",\"version\":1,\"lease\":\"0\","
                        + "\"prev_kv\":null}"));
        assertThat(json(lines.get(1)).get("value_base64").asText()).isEqualTo("/wA=");
        JsonNode del = json(lines.get(2));
        assertThat(del.get("type").asText()).isEqualTo("DELETE");
        assertThat(del.get("mod_revision").asLong()).isEqualTo(d);
        assertThat(del.get("prev_kv").get("value").asText()).isEqualTo("v1");
    }

    @Test
    void followsLiveChangesAndStopsAfterMaxEvents(TestPrefix p) {
        List<Long> revs = new ArrayList<>();
        try (LiveCli w = LiveCli.start(
                "watch", "--prefix", p.value(), "--max-events", "3", "-w", "json", "--endpoints", ETCD.clientUrl())) {
            long last = 0;
            for (int i = 0; i < 400 && !w.isDone(); i++) {
                last = put(p.key("k" + i), "v" + i);
                awaitQuietly(w, Duration.ofMillis(25));
            }
            assertThat(w.exitCode(T)).as(w.toString()).isZero();
            for (String l : w.lines()) {
                revs.add(json(l).get("mod_revision").asLong());
            }
            assertThat(revs).hasSize(3);
            assertThat(revs.get(2)).isEqualTo(revs.get(0) + 2).isLessThanOrEqualTo(last);
        }
    }

    private static void awaitQuietly(LiveCli w, Duration d) {
        try {
            io.googo.etcd.testkit.Await.until(d, w::isDone, "the watch to end");
        } catch (AssertionError notYet) {
            // keep writing
        }
    }

    @Test
    void progressNotifyLinesComeFromTheServer(TestPrefix p) {
        try (LiveCli w = LiveCli.start(
                "watch", p.key("quiet"), "--progress-notify", "--max-events", "1", "--endpoints", ETCD.clientUrl())) {
            w.awaitOut(T, o -> o.contains("progress notify: "), "a progress notification");
            put(p.key("quiet"), "now");
            assertThat(w.exitCode(T)).as(w.toString()).isZero();
            assertThat(w.out()).matches("(?s)(progress notify: \\d+\n)+PUT\n" + p.key("quiet") + "\nnow\n");
        }
        try (LiveCli w = LiveCli.start(
                "watch",
                p.key("quiet"),
                "--progress-notify",
                "--max-events",
                "1",
                "-w",
                "json",
                "--endpoints",
                ETCD.clientUrl())) {
            w.awaitOut(T, o -> o.contains("PROGRESS"), "a progress notification");
            put(p.key("quiet"), "again");
            assertThat(w.exitCode(T)).isZero();
            assertThat(json(w.lines().get(0)).get("revision").asLong()).isPositive();
        }
    }

    @Test
    void runsTheCommandOncePerEventWithTheEventInItsEnvironment(TestPrefix p) {
        long rev = put(p.key("a"), "hello world");
        long d = del(p.key("a"));
        var r = Cli.bare()
                .env("PATH", System.getenv("PATH"))
                .run(
                        "--endpoints",
                        ETCD.clientUrl(),
                        "watch",
                        "--prefix",
                        p.value(),
                        "--rev",
                        Long.toString(rev),
                        "--max-events",
                        "2",
                        "--",
                        "sh",
                        "-c",
                        "printf '%s|%s|%s|%s\\n' \"$ETCD_WATCH_EVENT_TYPE\" \"$ETCD_WATCH_KEY\" \"$ETCD_WATCH_VALUE\" "
                                + "\"$ETCD_WATCH_REVISION\"");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo("PUT\n" + p.key("a") + "\nhello world\n"
                        + "\"PUT\"|\"" + p.key("a") + "\"|\"hello world\"|" + rev + "\n"
                        + "DELETE\n" + p.key("a") + "\n\n"
                        + "\"DELETE\"|\"" + p.key("a") + "\"|\"\"|" + d + "\n");
    }

    @Test
    void aFailingCommandIsReportedAndTheWatchGoesOn(TestPrefix p) {
        long rev = put(p.key("a"), "1");
        put(p.key("b"), "2");
        var r = Cli.bare()
                .env("PATH", System.getenv("PATH"))
                .run(
                        "--endpoints",
                        ETCD.clientUrl(),
                        "watch",
                        "--prefix",
                        p.value(),
                        "--rev",
                        Long.toString(rev),
                        "--max-events",
                        "2",
                        "-w",
                        "json",
                        "--",
                        "sh",
                        "-c",
                        "echo oops >&2; exit 3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.err()).contains("oops");
        assertThat(r.err()
                        .lines()
                        .filter(l -> l.startsWith("Warning: command 'sh -c echo oops >&2; exit 3' exited "
                                + "with code 3 for PUT " + p.value()))
                        .count())
                .as(r.toString())
                .isEqualTo(2);

        var missing = Cli.bare()
                .env("PATH", System.getenv("PATH"))
                .run(
                        "--endpoints",
                        ETCD.clientUrl(),
                        "watch",
                        "--prefix",
                        p.value(),
                        "--rev",
                        Long.toString(rev),
                        "--max-events",
                        "2",
                        "--",
                        "no-such-command-x");
        assertThat(missing.exitCode()).as(missing.toString()).isZero();
        assertThat(missing.err()).contains("Warning: cannot run command 'no-such-command-x'");
    }

    @Test
    void aCompactedStartRevisionExits5NamingTheCompactRevision(TestPrefix p) {
        long rev = put(p.key("a"), "1");
        long compact = put(p.key("a"), "2");
        ETCD.etcdctl("compact", Long.toString(compact)).assertOk();
        var r = cli().run("watch", p.key("a"), "--rev", Long.toString(rev));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Error: watch " + p.key("a") + ": start revision " + rev
                        + " has been compacted; compact revision is " + compact)
                .doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badUsage(TestPrefix p) {
        var none = cli().run("watch");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(128);
        assertThat(none.err()).startsWith("Error: Missing required parameter: KEY");
        var tooMany = cli().run("watch", "a", "b", "c");
        assertThat(tooMany.exitCode()).as(tooMany.toString()).isEqualTo(128);
        var noCommand = Cli.bare().run("--endpoints", ETCD.clientUrl(), "watch", "k", "--");
        assertThat(noCommand.exitCode()).as(noCommand.toString()).isEqualTo(128);
        var table = cli().run("watch", "k", "-w", "table");
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(4);
        assertThat(table.err()).contains("it can print: simple, json");
        var bothRanges = cli().run("watch", "a", "b", "--prefix");
        assertThat(bothRanges.exitCode())
                .as("a usage error, as etcdctl's: " + bothRanges)
                .isEqualTo(128);
        var badRev = cli().run("watch", "k", "--rev", "-1");
        assertThat(badRev.exitCode()).as(badRev.toString()).isEqualTo(128);
        var unreachable = Cli.bare()
                .run(
                        "--endpoints",
                        "http://127.0.0.1:1",
                        "--dial-timeout",
                        "300ms",
                        "--command-timeout",
                        "300ms",
                        "watch",
                        p.key("a"));
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("Error: watch " + p.key("a") + ": ");
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
