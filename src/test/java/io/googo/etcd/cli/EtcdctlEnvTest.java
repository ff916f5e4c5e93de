package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcdctl's environment variables (issue #15, item 4): {@code ETCDCTL_WRITE_OUT} (its json is our
 * etcdctl-json; our own {@code GOOETCD_WRITE_OUT} and {@code -w} come first), and
 * {@code ETCDCTL_WATCH_KEY}/{@code ETCDCTL_WATCH_RANGE_END} for {@code watch} without a KEY, each
 * compared with what etcdctl does with the same variables.
 */
class EtcdctlEnvTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static long put(String key, String value) throws Exception {
        JsonNode doc = JSON.readTree(
                etcd.etcdctl("put", key, value, "-w", "json").assertOk().out());
        return doc.get("header").get("revision").asLong();
    }

    @Test
    void etcdctlWriteOutJsonMeansEtcdctlsJson(TestPrefix p) throws Exception {
        String k = p.key("k");
        put(k, "v");
        Cli.Result r = cli().env("ETCDCTL_WRITE_OUT", "json").run("get", k);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode kv = JSON.readTree(r.out()).get("kvs").get(0);
        assertThat(kv.get("key").asText())
                .as(r.toString())
                .isEqualTo(Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.UTF_8)));
        assertThat(kv.get("value").asText()).isEqualTo(Base64.getEncoder().encodeToString("v".getBytes()));
    }

    @Test
    void ownVariableAndFlagComeFirst(TestPrefix p) throws Exception {
        String k = p.key("k");
        put(k, "v");
        Cli.Result own = cli().env("ETCDCTL_WRITE_OUT", "json")
                .env("GOOETCD_WRITE_OUT", "json")
                .run("get", k);
        assertThat(JSON.readTree(own.out()).get("kvs").get(0).get("key").asText())
                .as(own.toString())
                .isEqualTo(k);
        Cli.Result flag = cli().env("ETCDCTL_WRITE_OUT", "json").run("get", k, "-w", "simple");
        assertThat(flag.out()).as(flag.toString()).isEqualTo(k + "\nv\n");
        Cli.Result fields = cli().env("ETCDCTL_WRITE_OUT", "fields").run("get", k);
        assertThat(fields.out()).as(fields.toString()).contains("\"Key\" : \"" + k + "\"");
        Cli.Result empty = cli().env("ETCDCTL_WRITE_OUT", "").run("get", k);
        assertThat(empty.out()).as(empty.toString()).isEqualTo(k + "\nv\n");
    }

    @Test
    void watchWithoutAKeyUsesEtcdctlWatchKeyAndRangeEnd(TestPrefix p) throws Exception {
        long rev = put(p.key("a"), "1");
        put(p.key("b"), "2");
        put(p.key("c"), "3");
        Cli.Result single = cli().env("ETCDCTL_WATCH_KEY", p.key("a"))
                .run("watch", "--rev", Long.toString(rev), "--max-events", "1");
        assertThat(single.exitCode()).as(single.toString()).isZero();
        assertThat(single.out()).isEqualTo("PUT\n" + p.key("a") + "\n1\n");
        Cli.Result range = cli().env("ETCDCTL_WATCH_KEY", p.key("a"))
                .env("ETCDCTL_WATCH_RANGE_END", p.key("c"))
                .run("watch", "--rev", Long.toString(rev), "--max-events", "2");
        assertThat(range.exitCode()).as(range.toString()).isZero();
        assertThat(range.out()).isEqualTo("PUT\n" + p.key("a") + "\n1\nPUT\n" + p.key("b") + "\n2\n");
    }

    @Test
    /** etcdctl 3.4.23 exits 128 in both cases too (measured; the test kit's etcdctl runs cannot set its env). */
    @org.junit.jupiter.api.Timeout(120)
    void aKeyAndTheVariableOrARangeEndAloneIsAUsageErrorAsInEtcdctl(TestPrefix p) {
        Cli.Result both = cli().env("ETCDCTL_WATCH_KEY", p.key("a")).run("watch", p.key("b"));
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(128);
        assertThat(both.err()).as(both.toString()).startsWith("Error: ").contains("ETCDCTL_WATCH_KEY");
        Cli.Result endOnly = cli().env("ETCDCTL_WATCH_RANGE_END", p.key("c")).run("watch", p.key("a"));
        assertThat(endOnly.exitCode()).as(endOnly.toString()).isEqualTo(128);
        assertThat(endOnly.err()).as(endOnly.toString()).contains("ETCDCTL_WATCH_RANGE_END");
    }
}
