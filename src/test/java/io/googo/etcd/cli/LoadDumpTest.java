package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(EtcdExtension.class)
class LoadDumpTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Cli cli(EtcdProcess etcd) {
        return Cli.at(etcd.clientUrl());
    }

    @Test
    void dumpThenLoadRoundTripsBinaryValuesAndTtls(EtcdProcess etcd, TestPrefix p) throws Exception {
        String src = p.key("src/");
        byte[] binary = {0, 1, (byte) 0xff, '\n', '"'};
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            in.append("{\"key\":\"")
                    .append(src)
                    .append(String.format("k%03d", i))
                    .append("\",\"value\":\"v")
                    .append(i)
                    .append("\"}\n");
        }
        in.append("{\"key\":\"")
                .append(src)
                .append("bin\",\"value_base64\":\"")
                .append(Base64.getEncoder().encodeToString(binary))
                .append("\"}\n");
        in.append("{\"key_base64\":\"")
                .append(Base64.getEncoder().encodeToString((src + "k\u00ff").getBytes(StandardCharsets.ISO_8859_1)))
                .append("\",\"value\":\"latin1 key\"}\n");
        in.append("{\"key\":\"").append(src).append("ttl\",\"value\":\"short\",\"ttl\":60}\n");
        Cli.Result load = cli(etcd).stdin(in.toString()).run("load", "--batch", "7", "--concurrency", "4");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.out()).as(load.toString()).startsWith("loaded 303 keys (1 lease) in ");

        Cli.Result dump = cli(etcd).run("dump", src);
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        List<String> lines = dump.out().lines().toList();
        assertThat(lines).hasSize(303);
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        JsonNode ttl = lines.stream()
                .map(LoadDumpTest::json)
                .filter(n -> n.path("key").asText().endsWith("ttl"))
                .findFirst()
                .orElseThrow();
        assertThat(ttl.get("ttl").asLong()).isBetween(1L, 60L);

        // load the dump under another prefix and compare byte for byte with etcdctl
        String dst = p.key("dst/");
        String moved = dump.out().replace(src, dst);
        String movedLatin1 =
                Base64.getEncoder().encodeToString((dst + "k\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        moved = moved.replace(
                Base64.getEncoder().encodeToString((src + "k\u00ff").getBytes(StandardCharsets.ISO_8859_1)),
                movedLatin1);
        Cli.Result reload = cli(etcd).stdin(moved).run("load", "-w", "json");
        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(json(reload.out()).get("loaded").asLong()).isEqualTo(303);
        Cli.Result again = cli(etcd).run("dump", dst);
        // the remaining TTL may have ticked down between the two dumps
        String srcLatin1 = Base64.getEncoder().encodeToString((src + "k\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(again.out()
                        .replace(dst, src)
                        .replace(movedLatin1, srcLatin1)
                        .replaceAll("\"ttl\":\\d+", "\"ttl\":N"))
                .isEqualTo(dump.out().replaceAll("\"ttl\":\\d+", "\"ttl\":N"));
        assertThat(cli(etcd).run("get", dst + "bin", "--print-value-only").outBytes())
                .isEqualTo(new byte[] {0, 1, (byte) 0xff, '\n', '"', '\n'});
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"key\":\"K3\",\"value\":|malformed JSON",
                "{\"value\":\"v\"}|missing or empty key",
                "{\"key\":\"K3\",\"value\":\"a\",\"value_base64\":\"YQ==\"}|both value and value_base64",
                "{\"key\":\"K3\"}|missing value",
                "{\"key\":\"K3\",\"value\":\"v\",\"tll\":5}|unknown field 'tll'",
                "[1,2]|expected a JSON object",
                "{\"key\":\"K3\\ud800\",\"value\":\"v\"}|key: contains an unpaired surrogate \\ud800",
                "{\"key\":\"K3\",\"value\":\"\\udc00x\"}|value: contains an unpaired surrogate \\udc00"
            })
    void aBadLineStopsTheLoadNamingItAndNothingAfterItIsWritten(
            String bad, String message, EtcdProcess etcd, TestPrefix p) {
        String in = "{\"key\":\"" + p.key("1") + "\",\"value\":\"a\"}\n"
                + "{\"key\":\"" + p.key("2") + "\",\"value\":\"b\"}\n"
                + bad.replace("K3", p.key("3")) + "\n"
                + "{\"key\":\"" + p.key("4") + "\",\"value\":\"d\"}\n";
        Cli.Result r = cli(etcd).stdin(in).run("load");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Error: line 3: ")
                .contains(message)
                .contains("2 keys before it were written");
        assertThat(r.out()).startsWith("loaded 2 keys");
        assertThat(etcd.etcdctl("get", p.value(), "--prefix", "--keys-only")
                        .out()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList())
                .containsExactly(p.key("1"), p.key("2"));
    }

    @Test
    void aKeyRepeatedInTheInputEndsWithItsLastValue(EtcdProcess etcd, TestPrefix p) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            in.append("{\"key\":\"")
                    .append(p.key("same"))
                    .append("\",\"value\":\"v")
                    .append(i)
                    .append("\"}\n");
            in.append("{\"key\":\"").append(p.key("o" + i)).append("\",\"value\":\"x\"}\n");
        }
        Cli.Result r = cli(etcd).stdin(in.toString()).run("load", "--batch", "3", "--concurrency", "8");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cli(etcd).run("get", p.key("same"), "--print-value-only").out())
                .isEqualTo("v499\n");
        assertThat(r.err()).as("no progress line when stderr is not a terminal").isEmpty();
    }

    @Test
    void onATerminalStderrShowsAProgressLineAndErasesIt(EtcdProcess etcd, TestPrefix p) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            in.append("{\"key\":\"").append(p.key("k" + i)).append("\",\"value\":\"x\"}\n");
        }
        Cli.Result r = cli(etcd).stderrTerminal().stdin(in.toString()).run("load");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("loaded 300 keys");
        assertThat(r.err())
                .as(r.toString())
                .startsWith("\rLoading: ")
                .contains(" keys written")
                .endsWith("\r\u001b[K")
                .doesNotContain("\n");
    }

    /**
     * Small pairs, then pairs so large that the grown page would pass the 2 MiB receive limit,
     * then a gap in the keys and small ones again: the dump asks again with fewer keys, and
     * every key comes out once, in order.
     */
    @Test
    void aDumpOfSmallThenHugeValuesGetsEveryKeyOnce(EtcdProcess etcd, TestPrefix p) {
        String src = p.key("mix/");
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            in.append("{\"key\":\"")
                    .append(src)
                    .append(String.format("a%05d", i))
                    .append("\",\"value\":\"s")
                    .append(i)
                    .append("\"}\n");
        }
        String big = "x".repeat(100_000);
        for (int i = 0; i < 60; i++) {
            in.append("{\"key\":\"")
                    .append(src)
                    .append(String.format("b%03d", i))
                    .append("\",\"value\":\"")
                    .append(i)
                    .append(big)
                    .append("\"}\n");
        }
        for (int i = 0; i < 2000; i++) {
            in.append("{\"key\":\"")
                    .append(src)
                    .append(String.format("z%05d", i))
                    .append("\",\"value\":\"t\"}\n");
        }
        Cli.Result load = cli(etcd).stdin(in.toString()).run("load");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        Cli.Result dump = cli(etcd).run("dump", src);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).isEqualTo(in.toString());
    }

    /**
     * Lines end as a reader ends them (\\n, \\r\\n, \\r, or the end of the input), blank ones are
     * skipped, a line longer than the read buffer is whole, and a line that is not UTF-8 stops
     * the load (exit 3, named), from a file and from standard input alike: never U+FFFD.
     */
    @Test
    void lineEndingsBlankLongAndNonUtf8Lines(EtcdProcess etcd, TestPrefix p, @TempDir Path dir) throws Exception {
        String longValue = "L".repeat(200_000);
        String in = "{\"key\":\"" + p.key("a") + "\",\"value\":\"1\"}\r\n"
                + "  \t\n"
                + "{\"key\":\"" + p.key("b") + "\",\"value\":\"2\"}\r"
                + "\u2003\n"
                + "{\"key\":\"" + p.key("c") + "\",\"value\":\"" + longValue + "\"}\n"
                + "{\"key\":\"" + p.key("d") + "\", \"value\":\"4\"}";
        Cli.Result r = cli(etcd).stdin(in).run("load");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("loaded 4 keys");
        assertThat(cli(etcd).run("get", p.key("b"), "--print-value-only").out()).isEqualTo("2\n");
        assertThat(cli(etcd).run("get", p.key("c"), "--print-value-only").out()).isEqualTo(longValue + "\n");
        assertThat(cli(etcd).run("get", p.key("d"), "--print-value-only").out()).isEqualTo("4\n");

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes(("{\"key\":\"" + p.key("e") + "\",\"value\":\"5\"}\n").getBytes(StandardCharsets.UTF_8));
        bad.writeBytes(("{\"key\":\"" + p.key("f") + "\",\"value\":\"x").getBytes(StandardCharsets.UTF_8));
        bad.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        bad.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        bad.writeBytes(("{\"key\":\"" + p.key("g") + "\",\"value\":\"7\"}\n").getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bad.ndjson");
        Files.write(file, bad.toByteArray());
        Cli.Result f = cli(etcd).run("load", file.toString());
        Cli.Result s = cli(etcd).stdin(bad.toByteArray()).run("load");
        for (Cli.Result r2 : List.of(f, s)) {
            assertThat(r2.exitCode()).as(r2.toString()).isEqualTo(3);
            assertThat(r2.err().lines().toList())
                    .as(r2.toString())
                    .singleElement()
                    .asString()
                    .startsWith("Error: line 2: not valid UTF-8 (byte 0xFF at column ")
                    .contains("key_base64/value_base64")
                    .contains("1 keys before it were written");
        }
        assertThat(cli(etcd).run("get", p.key("e"), "--print-value-only").out()).isEqualTo("5\n");
        Cli.Result fg = cli(etcd).run("get", p.key("f"), p.key("h"), "-w", "json");
        assertThat(fg.out()).as("nothing at or after the bad line: " + fg).contains("\"count\":0");
    }

    @Test
    void badFlagsAndMissingFilesAreRefused(EtcdProcess etcd, TestPrefix p) {
        Cli.Result batch = cli(etcd).stdin("").run("load", "--batch", "0");
        assertThat(batch.exitCode()).as(batch.toString()).isEqualTo(3);
        Cli.Result missing = cli(etcd).run("load", "/no/such/file.ndjson");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(6);
        assertThat(missing.err()).startsWith("Error: ").contains("/no/such/file.ndjson");
        Cli.Result table = cli(etcd).run("dump", p.value(), "-w", "table");
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(4);
    }
}
