package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gooetcd txn} against a real etcd, next to etcdctl's own txn. */
@ExtendWith(EtcdExtension.class)
class TxnCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Cli cli(io.googo.etcd.testkit.EtcdProcess etcd) {
        return Cli.at(etcd.clientUrl());
    }

    private static String value(io.googo.etcd.testkit.EtcdProcess etcd, String key) {
        return etcd.etcdctl("get", key, "--print-value-only").assertOk().stdout();
    }

    /** The same transaction on two prefixes, one run by etcdctl, one by gooetcd: the same output. */
    private static void sameAsEtcdctl(
            io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p, String template, String expected) {
        for (String side : new String[] {"e/", "g/"}) {
            etcd.etcdctl("put", p.key(side + "k1"), "one").assertOk();
            etcd.etcdctl("put", p.key(side + "k2"), "two").assertOk();
        }
        String forEtcdctl = template.replace("P/", p.key("e/"));
        String forUs = template.replace("P/", p.key("g/"));
        var theirs = etcd.etcdctlWithInput(forEtcdctl + "\n\n\n", "txn").assertOk();
        var ours = cli(etcd).stdin(forUs).run("txn");
        assertThat(ours.exitCode()).as(ours.toString()).isZero();
        assertThat(ours.out()).isEqualTo(expected.replace("P/", p.key("g/")));
        assertThat(theirs.stdout()).isEqualTo(expected.replace("P/", p.key("e/")));
    }

    @Test
    void successBranchPrintsLikeEtcdctl(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        sameAsEtcdctl(etcd, p, """
                mod("P/k1") > "0"
                value("P/k2") = "two"

                put P/k1 "overwrote k1" --prev-kv
                get P/ --prefix
                del P/k2 --prev-kv

                put P/k1 "not this"
                """, """
                SUCCESS

                OK
                P/k1
                one

                P/k1
                overwrote k1
                P/k2
                two

                1
                P/k2
                two
                """);
        assertThat(value(etcd, p.key("g/k1"))).isEqualTo("overwrote k1\n");
        assertThat(value(etcd, p.key("g/k2"))).isEmpty();
    }

    @Test
    void failureBranchRunsTheFailureOperations(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        sameAsEtcdctl(etcd, p, """
                version("P/k1") = "7"
                create("P/none") != "0"

                put P/k1 "not this"

                put P/k3 "created k3"
                get P/k1
                """, """
                FAILURE

                OK

                P/k1
                one
                """);
        assertThat(value(etcd, p.key("g/k1"))).isEqualTo("one\n");
        assertThat(value(etcd, p.key("g/k3"))).isEqualTo("created k3\n");
    }

    @Test
    void leaseComparesAndPutsThatKeepValueOrLease(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        String lease = etcd.etcdctl("lease", "grant", "300").assertOk().stdout().split(" ")[1];
        etcd.etcdctl("put", p.key("k"), "v", "--lease=" + lease).assertOk();
        var r = cli(etcd)
                .stdin("lease(\"" + p.key("k") + "\") = \"" + lease + "\"\n\n"
                        + "put " + p.key("k") + " --ignore-value --lease=" + lease + "\nput " + p.key("other")
                        + " x --lease "
                        + lease + "\n\n"
                        + "put " + p.key("k") + " wrong\n")
                .run("txn");
        assertThat(r.out()).as(r.toString()).isEqualTo("SUCCESS\n\nOK\n\nOK\n");
        JsonNode kv = json(etcd.etcdctl("get", p.key("k"), "-w", "json")
                        .assertOk()
                        .stdout())
                .get("kvs")
                .get(0);
        assertThat(kv.get("lease").asLong()).isEqualTo(Long.parseUnsignedLong(lease, 16));
        assertThat(kv.get("value").asText()).isEqualTo("dg==");
        var keep = cli(etcd)
                .stdin("lease(\"" + p.key("k") + "\") != \"0\"\n\nput " + p.key("k") + " new --ignore-lease\n")
                .run("txn", "-w", "json");
        assertThat(json(keep.out()).get("succeeded").asBoolean())
                .as(keep.toString())
                .isTrue();
        kv = json(etcd.etcdctl("get", p.key("k"), "-w", "json").assertOk().stdout())
                .get("kvs")
                .get(0);
        assertThat(kv.get("lease").asLong()).isEqualTo(Long.parseUnsignedLong(lease, 16));
        var none =
                cli(etcd).stdin("lease(\"" + p.key("other") + "\") = \"0\"\n").run("txn");
        assertThat(none.out()).as(none.toString()).isEqualTo("FAILURE\n");
    }

    @Test
    void multiLineValuesAndEscapes(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        var r = cli(etcd)
                .stdin("\nput " + p.key("m") + " \"line one\n\nline three\"\nput " + p.key("e")
                        + " \"tab\\there\\x21\"\n")
                .run("txn");
        assertThat(r.out()).as(r.toString()).isEqualTo("SUCCESS\n\nOK\n\nOK\n");
        assertThat(value(etcd, p.key("m"))).isEqualTo("line one\n\nline three\n");
        assertThat(value(etcd, p.key("e"))).isEqualTo("tab\there!\n");
    }

    /** Text that is not UTF-8 is refused naming its line and column, not read with U+FFFD. */
    @Test
    void textThatIsNotUtf8IsRefusedAndNothingIsSent(
            io.googo.etcd.testkit.EtcdProcess etcd,
            TestPrefix p,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        in.writeBytes(("\nput " + p.key("ok") + " v\nput " + p.key("bad") + " \"x").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {(byte) 0xff});
        in.writeBytes("\"\n\n".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Path file = dir.resolve("t.txt");
        java.nio.file.Files.write(file, in.toByteArray());
        int col = ("put " + p.key("bad") + " \"x").length() + 1;
        for (var r : List.of(
                cli(etcd).stdin(in.toByteArray()).run("txn"),
                cli(etcd).stdin(in.toByteArray()).run("txn", "-i"),
                cli(etcd).run("txn", "--file", file.toString()))) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err().lines().toList())
                    .as(r.toString())
                    .singleElement()
                    .asString()
                    .contains(":3:" + col + ": not valid UTF-8 (byte 0xFF)")
                    .contains("\\x escapes");
        }
        assertThat(etcd.etcdctl("get", p.value(), "--prefix", "--keys-only").out())
                .isBlank();
    }

    @Test
    void jsonOutput(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        etcd.etcdctl("put", p.key("a"), "1").assertOk();
        etcd.etcdctl("put", p.key("d"), "1").assertOk();
        var r = cli(etcd)
                .stdin("value(\"" + p.key("a") + "\") = \"1\"\n\nput " + p.key("a") + " 2 --prev-kv\nget " + p.key("a")
                        + "\ndel " + p.key("d") + "\n")
                .run("txn", "-w", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = json(r.out());
        assertThat(j.get("succeeded").asBoolean()).isTrue();
        assertThat(j.get("header").get("revision").asLong()).isPositive();
        JsonNode rs = j.get("responses");
        assertThat(rs.get(0).get("response_put").get("prev_kv").get("value").asText())
                .isEqualTo("1");
        assertThat(rs.get(1)
                        .get("response_range")
                        .get("kvs")
                        .get(0)
                        .get("value")
                        .asText())
                .isEqualTo("2");
        assertThat(rs.get(1).get("response_range").get("count").asLong()).isEqualTo(1);
        assertThat(rs.get(2).get("response_delete_range").get("deleted").asLong())
                .isEqualTo(1);

        // etcdctl-json has etcdctl's shape: the same field names, in the same places
        String text = "value(\"B\") = \"1\"\n\nput B 2\nget B\ndel B-gone\n";
        etcd.etcdctl("put", p.key("b1"), "1").assertOk();
        etcd.etcdctl("put", p.key("b2"), "1").assertOk();
        JsonNode ours = json(cli(etcd)
                .stdin(text.replace("B", p.key("b1")))
                .run("txn", "-w", "etcdctl-json")
                .out());
        JsonNode theirs = json(etcd.etcdctlWithInput(text.replace("B", p.key("b2")) + "\n\n", "txn", "-w", "json")
                .assertOk()
                .stdout());
        assertThat(ours.get("responses").get(0).get("Response").has("ResponsePut"))
                .as(ours.toString())
                .isTrue();
        assertThat(shape(ours)).isEqualTo(shape(theirs));
    }

    @Test
    void fieldsOutput(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        var r = cli(etcd).stdin("\nput " + p.key("f") + " v\n").run("txn", "-w", "fields");
        assertThat(r.out()).as(r.toString()).contains("\"Succeeded\" : true\n").startsWith("\"ClusterID\" : ");
    }

    @Test
    void fileInTextOrJson(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p, @TempDir Path dir) throws Exception {
        Path text = dir.resolve("t.txn");
        Files.writeString(text, "create(\"" + p.key("x") + "\") = \"0\"\n\nput " + p.key("x") + " from-text\n");
        var r = cli(etcd).run("txn", "--file", text.toString());
        assertThat(r.out()).as(r.toString()).isEqualTo("SUCCESS\n\nOK\n");
        Path json = dir.resolve("t.json");
        Files.writeString(json, """
                {"compare": [{"key": "%s", "target": "value", "op": "=", "value": "from-text"}],
                 "success": [{"put": {"key": "%s", "value": "from-json"}}, {"get": {"key": "%s"}}],
                 "failure": [{"delete": {"key": "%s"}}]}
                """.formatted(p.key("x"), p.key("x"), p.key("x"), p.key("x")));
        var j = cli(etcd).run("txn", "--file", json.toString());
        assertThat(j.out()).as(j.toString()).isEqualTo("SUCCESS\n\nOK\n\n" + p.key("x") + "\nfrom-json\n");
    }

    @Test
    void interactiveStopsReadingAfterTheThirdBlankLine(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p) {
        String text = "\nput " + p.key("i") + " \"a\n\nb\"\n\n\nthis is not read\n";
        var r = cli(etcd).stdin(text).run("txn", "-i");
        // the prompts on stdout though stdin is no terminal, as etcdctl's
        assertThat(r.out())
                .as(r.toString())
                .isEqualTo("compares:\nsuccess requests (get, put, del):\n"
                        + "failure requests (get, put, del):\nSUCCESS\n\nOK\n");
        assertThat(r.err()).isEmpty();
        var all = cli(etcd).stdin(text).run("txn");
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(3);
        assertThat(all.err()).startsWith("Error: txn: stdin:7:1: unexpected text after the failure operations");
    }

    @Test
    void badInputExits3AndSendsNothing(io.googo.etcd.testkit.EtcdProcess etcd, TestPrefix p, @TempDir Path dir)
            throws Exception {
        String[][] cases = {
            {"mod(\"k\") >= \"1\"\n\nput " + p.key("no") + " v\n", "Error: txn: stdin:1:10: expected one of =, !=, <, >"
            },
            {"\nput " + p.key("no") + " v\nput k\n", "Error: txn: stdin:3:6: missing VALUE"},
            {"\nput " + p.key("no") + " v\n\nget k --bogus\n", "Error: txn: stdin:4:7: unknown flag --bogus for get"},
            {"\nput " + p.key("no") + " \"v\n", "Error: txn: stdin:2:"},
        };
        for (String[] c : cases) {
            var r = cli(etcd).stdin(c[0]).run("txn");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).as(r.toString()).startsWith(c[1]).doesNotContain("\tat ");
            assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"success\": [{\"put\": {\"key\": \"" + p.key("no") + "\", \"value\": 1}}]}");
        var j = cli(etcd).run("txn", "--file", bad.toString());
        assertThat(j.exitCode()).as(j.toString()).isEqualTo(3);
        assertThat(j.err()).startsWith("Error: txn: " + bad + ": success[0].put.value: expected a string");
        assertThat(etcd.etcdctl("get", p.key("no"), "--prefix", "--keys-only")
                        .assertOk()
                        .stdout())
                .isEmpty();

        var missing = cli(etcd).run("txn", "--file", dir.resolve("none.txn").toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(6);
        var both = cli(etcd).run("txn", "-i", "--file", bad.toString());
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(128);
        var table = cli(etcd).stdin("\n").run("txn", "-w", "table");
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(4);
        var args = cli(etcd).run("txn", "extra");
        assertThat(args.exitCode()).as(args.toString()).isEqualTo(128);
    }

    /** The document's field names and value kinds, with every value blanked. */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            n.fieldNames().forEachRemaining(f -> {
                if (!f.equals("header")) {
                    sb.append(f).append(':').append(shape(n.get(f))).append(',');
                }
            });
            return sb.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            n.forEach(x -> sb.append(shape(x)).append(','));
            return sb.append(']').toString();
        }
        return n.getNodeType().name();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
