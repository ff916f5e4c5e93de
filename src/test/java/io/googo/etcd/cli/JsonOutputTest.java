package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.etcdctlGet;
import static io.googo.etcd.cli.KvTestSupport.grantLease;
import static io.googo.etcd.cli.KvTestSupport.hexId;
import static io.googo.etcd.cli.KvTestSupport.json;
import static io.googo.etcd.cli.KvTestSupport.put;
import static io.googo.etcd.cli.KvTestSupport.unb64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code -w json} as OUTPUT.md defines it, parsed with Jackson field by field. */
class JsonOutputTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static final String HEX = "[0-9a-f]+";

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static JsonNode jsonOk(String... args) {
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.out()).as("one document on one line: " + r).endsWith("\n").hasLineCount(1);
        return json(r);
    }

    private static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The header: IDs as lowercase hex strings equal to what etcdctl shows in decimal, numbers as numbers. */
    private static void assertHeader(JsonNode doc) {
        JsonNode h = doc.path("header");
        assertThat(fields(h)).as(doc.toString()).containsExactly("cluster_id", "member_id", "revision", "raft_term");
        JsonNode ctl = etcdctlGet(etcd, "/json-output-probe").path("header");
        for (String id : new String[] {"cluster_id", "member_id"}) {
            assertThat(h.path(id).isTextual()).as(id + " is a string: " + h).isTrue();
            assertThat(h.path(id).asText())
                    .as(id)
                    .matches(HEX)
                    .isEqualTo(new BigInteger(ctl.path(id).asText()).toString(16));
        }
        assertThat(h.path("revision").isIntegralNumber()).as(h.toString()).isTrue();
        assertThat(h.path("revision").asLong()).isPositive();
        assertThat(h.path("raft_term").isIntegralNumber()).as(h.toString()).isTrue();
        assertThat(h.path("raft_term").asLong()).isEqualTo(ctl.path("raft_term").asLong());
    }

    private static void assertKvShape(JsonNode kv, String keyField, String valueField) {
        assertThat(fields(kv))
                .as(kv.toString())
                .containsExactly(keyField, "create_revision", "mod_revision", "version", valueField, "lease");
        for (String n : new String[] {"create_revision", "mod_revision", "version"}) {
            assertThat(kv.path(n).isIntegralNumber())
                    .as(n + " is a number: " + kv)
                    .isTrue();
        }
        assertThat(kv.path(keyField).isTextual()).as(kv.toString()).isTrue();
        assertThat(kv.path(valueField).isTextual()).as(kv.toString()).isTrue();
        assertThat(kv.path("lease").isTextual())
                .as("lease is a hex string: " + kv)
                .isTrue();
        assertThat(kv.path("lease").asText()).matches(HEX);
    }

    @Test
    void getDocumentHasSnakeCaseFieldsUtf8StringsAndHexIds(TestPrefix p) {
        String key = p.key("ключ/ü");
        String value = "värde ✓ \"quoted\"\n\ttab";
        String lease = grantLease(etcd, 60);
        try {
            etcd.etcdctl("put", key, value, "--lease=" + lease).assertOk();
            long rev = put(etcd, key, value);
            etcd.etcdctl("put", key, value, "--lease=" + lease).assertOk();
            JsonNode doc = jsonOk("get", key, "-w", "json");
            assertThat(fields(doc)).containsExactly("header", "kvs", "count", "more");
            assertHeader(doc);
            assertThat(doc.path("count").isIntegralNumber()).isTrue();
            assertThat(doc.path("count").asLong()).isEqualTo(1);
            assertThat(doc.path("more").isBoolean()).isTrue();
            assertThat(doc.path("more").asBoolean()).isFalse();

            JsonNode kv = doc.path("kvs").get(0);
            assertKvShape(kv, "key", "value");
            assertThat(kv.path("key").asText()).isEqualTo(key);
            assertThat(kv.path("value").asText()).isEqualTo(value);
            assertThat(hexId(kv.path("lease").asText())).as(kv.toString()).isEqualTo(hexId(lease));
            assertThat(kv.path("version").asLong()).isEqualTo(3);
            assertThat(kv.path("create_revision").asLong()).isEqualTo(rev - 1);
            assertThat(kv.path("mod_revision").asLong()).isEqualTo(rev + 1);
            assertThat(doc.path("header").path("revision").asLong()).isGreaterThanOrEqualTo(rev + 1);
        } finally {
            etcd.etcdctl("lease", "revoke", lease);
        }
    }

    @Test
    void zeroAndEmptyFieldsAreNotOmitted(TestPrefix p) {
        String key = p.key("empty");
        Cli.Result r = cli().stdin(new byte[0]).run("put", key);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode kv = jsonOk("get", key, "-w", "json").path("kvs").get(0);
        assertKvShape(kv, "key", "value");
        assertThat(kv.path("value").asText()).isEmpty();
        assertThat(kv.path("lease").asText()).isEqualTo("0");

        JsonNode none = jsonOk("get", p.key("missing"), "-w", "json");
        assertThat(fields(none)).containsExactly("header", "kvs", "count", "more");
        assertThat(none.path("kvs").isArray()).isTrue();
        assertThat(none.path("kvs").size()).isZero();
        assertThat(none.path("count").isIntegralNumber()).isTrue();
        assertThat(none.path("count").asLong()).isZero();
        assertThat(none.path("more").isBoolean()).isTrue();
        assertThat(none.path("more").asBoolean()).isFalse();
    }

    @Test
    void moreIsTrueWhenTheLimitCutsTheRange(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3");
        JsonNode doc = jsonOk("get", p.value(), "--prefix", "--limit", "1", "-w", "json");
        assertThat(doc.path("more").asBoolean()).as(doc.toString()).isTrue();
        assertThat(doc.path("count").asLong()).isEqualTo(3);
        assertThat(doc.path("kvs").size()).isEqualTo(1);
    }

    @Test
    void nonUtf8ValueAppearsAsValueBase64(TestPrefix p) {
        String key = p.key("bin");
        byte[] value = {'o', 'k', (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc0, (byte) 0xaf};
        Cli.Result r = cli().stdin(value).run("put", key);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode kv = jsonOk("get", key, "-w", "json").path("kvs").get(0);
        assertKvShape(kv, "key", "value_base64");
        assertThat(kv.path("key").asText()).isEqualTo(key);
        assertThat(unb64(kv.path("value_base64").asText())).containsExactly(value);

        String utf8 = p.key("text");
        Cli.Result nul = cli().stdin("\u0000nul is valid UTF-8").run("put", utf8);
        assertThat(nul.exitCode()).as(nul.toString()).isZero();
        JsonNode t = jsonOk("get", utf8, "-w", "json").path("kvs").get(0);
        assertKvShape(t, "key", "value");
        assertThat(t.path("value").asText()).isEqualTo("\u0000nul is valid UTF-8");
    }

    @Test
    void nonUtf8KeyAppearsAsKeyBase64(TestPrefix p) throws Exception {
        ByteArrayOutputStream k = new ByteArrayOutputStream();
        k.writeBytes(p.key("raw-").getBytes(StandardCharsets.UTF_8));
        k.writeBytes(new byte[] {(byte) 0xff, (byte) 0x80, 'x'});
        byte[] key = k.toByteArray();
        try (Client client = Client.builder().endpoints(etcd.clientUrl()).build()) {
            client.getKVClient()
                    .put(ByteSequence.from(key), ByteSequence.from("v", StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);
        }
        JsonNode doc = jsonOk("get", p.value(), "--prefix", "-w", "json");
        assertThat(doc.path("kvs").size()).as(doc.toString()).isEqualTo(1);
        JsonNode kv = doc.path("kvs").get(0);
        assertKvShape(kv, "key_base64", "value");
        assertThat(unb64(kv.path("key_base64").asText())).containsExactly(key);
        assertThat(kv.path("value").asText()).isEqualTo("v");
    }

    @Test
    void putDocumentHasHeaderAndPrevKvNullWhenAbsent(TestPrefix p) {
        String key = p.key("k");
        JsonNode first = jsonOk("put", key, "v1", "-w", "json");
        assertThat(fields(first)).containsExactly("header", "prev_kv");
        assertHeader(first);
        assertThat(first.path("prev_kv").isNull()).as(first.toString()).isTrue();

        JsonNode noFlag = jsonOk("put", key, "v2", "-w", "json");
        assertThat(noFlag.path("prev_kv").isNull())
                .as("no --prev-kv: null; " + noFlag)
                .isTrue();

        JsonNode second = jsonOk("put", key, "v3", "--prev-kv", "-w", "json");
        JsonNode prev = second.path("prev_kv");
        assertKvShape(prev, "key", "value");
        assertThat(prev.path("key").asText()).isEqualTo(key);
        assertThat(prev.path("value").asText()).isEqualTo("v2");
        assertThat(prev.path("version").asLong()).isEqualTo(2);
        assertThat(second.path("header").path("revision").asLong())
                .isEqualTo(prev.path("mod_revision").asLong() + 1);
    }

    @Test
    void delDocumentHasDeletedAndPrevKvs(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3");
        JsonNode plain = jsonOk("del", p.key("a"), "-w", "json");
        assertThat(fields(plain)).containsExactly("header", "deleted", "prev_kvs");
        assertHeader(plain);
        assertThat(plain.path("deleted").isIntegralNumber()).isTrue();
        assertThat(plain.path("deleted").asLong()).isEqualTo(1);
        assertThat(plain.path("prev_kvs").isArray()).isTrue();
        assertThat(plain.path("prev_kvs").size()).isZero();

        JsonNode withPrev = jsonOk("del", p.value(), "--prefix", "--prev-kv", "-w", "json");
        assertThat(withPrev.path("deleted").asLong()).isEqualTo(2);
        assertThat(withPrev.path("prev_kvs").size()).isEqualTo(2);
        assertKvShape(withPrev.path("prev_kvs").get(0), "key", "value");
        assertThat(withPrev.path("prev_kvs").get(0).path("key").asText()).isEqualTo(p.key("b"));
        assertThat(withPrev.path("prev_kvs").get(1).path("value").asText()).isEqualTo("3");

        JsonNode nothing = jsonOk("del", p.key("gone"), "-w", "json");
        assertThat(nothing.path("deleted").isIntegralNumber())
                .as("zero is not omitted: " + nothing)
                .isTrue();
        assertThat(nothing.path("deleted").asLong()).isZero();
        assertThat(nothing.path("prev_kvs").isArray()).isTrue();
    }

    @Test
    void countOnlyDocument(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2");
        JsonNode doc = jsonOk("get", p.value(), "--prefix", "--count-only", "-w", "json");
        assertThat(fields(doc)).containsExactly("header", "kvs", "count", "more");
        assertThat(doc.path("count").asLong()).isEqualTo(2);
        assertThat(doc.path("kvs").size()).isZero();
    }
}
