package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.etcdctlGet;
import static io.googo.etcd.cli.KvTestSupport.etcdctlKv;
import static io.googo.etcd.cli.KvTestSupport.json;
import static io.googo.etcd.cli.KvTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gooetcd del}: single keys, ranges, prefixes, from-key, prev-kv; checked with etcdctl. */
class DelCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    /** Every key etcdctl sees under {@code prefix}, decoded. */
    private static List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        etcdctlGet(etcd, prefix, "--prefix", "--keys-only")
                .path("kvs")
                .forEach(kv ->
                        keys.add(new String(KvTestSupport.unb64(kv.path("key").asText()), StandardCharsets.UTF_8)));
        return keys;
    }

    @Test
    void deletesOneKeyAndPrintsTheCount(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("ab"), "2", p.key("b"), "3");
        assertThat(ok("del", p.key("a")).out()).isEqualTo("1\n");
        assertThat(keysUnder(p.value())).containsExactly(p.key("ab"), p.key("b"));
    }

    @Test
    void deletingAMissingKeyPrintsZero(TestPrefix p) {
        put(etcd, p.key("present"), "1");
        Cli.Result r = ok("del", p.key("absent"));
        assertThat(r.out()).isEqualTo("0\n");
        assertThat(ok("del", p.key("absent"), "--prev-kv").out()).isEqualTo("0\n");
        assertThat(ok("del", p.key("nothing/"), "--prefix").out()).isEqualTo("0\n");
        assertThat(keysUnder(p.value())).containsExactly(p.key("present"));
    }

    @Test
    void rangeEndDeletesTheHalfOpenRange(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3", p.key("d"), "4");
        assertThat(ok("del", p.key("b"), p.key("d")).out()).isEqualTo("2\n");
        assertThat(keysUnder(p.value())).containsExactly(p.key("a"), p.key("d"));
    }

    @Test
    void prefixDeletesOnlyKeysStartingWithIt(TestPrefix p) {
        put(
                etcd,
                p.key("dir/a"),
                "1",
                p.key("dir/b"),
                "2",
                p.key("dir/c/d"),
                "3",
                p.key("dir0"),
                "x",
                p.key("di"),
                "y");
        assertThat(ok("del", p.key("dir/"), "--prefix").out()).isEqualTo("3\n");
        assertThat(keysUnder(p.value())).containsExactly(p.key("di"), p.key("dir0"));
    }

    @Test
    void fromKeyDeletesEverythingFromTheKeyToTheEndOfTheKeySpace(TestPrefix p) {
        // --from-key reaches the end of the whole key space: use keys that sort after every test prefix
        String base = "~zz/" + UUID.randomUUID() + "/";
        put(etcd, p.key("before"), "keep", base + "a", "keep", base + "b", "1", base + "c", "2", base + "c/d", "3");
        Cli.Result r = ok("del", base + "b", "--from-key");
        assertThat(r.out()).isEqualTo("3\n");
        assertThat(keysUnder(base)).containsExactly(base + "a");
        assertThat(etcdctlKv(etcd, p.key("before")))
                .as("a key that sorts before survives")
                .isNotNull();
        etcd.etcdctl("del", base, "--prefix").assertOk();
    }

    @Test
    void prevKvPrintsTheDeletedPairs(TestPrefix p) {
        put(etcd, p.key("a"), "alpha", p.key("b"), "beta", p.key("c"), "gamma");
        Cli.Result one = ok("del", p.key("a"), "--prev-kv");
        assertThat(one.out()).isEqualTo("1\n" + p.key("a") + "\nalpha\n");

        Cli.Result many = ok("del", p.value(), "--prefix", "--prev-kv");
        assertThat(many.out()).isEqualTo("2\n" + p.key("b") + "\nbeta\n" + p.key("c") + "\ngamma\n");
        assertThat(keysUnder(p.value())).isEmpty();
    }

    @Test
    void jsonShowsTheCountAndThePreviousPairs(TestPrefix p) {
        long rev = put(etcd, p.key("a"), "1", p.key("b"), "2");
        JsonNode j = json(ok("del", p.value(), "--prefix", "--prev-kv", "-w", "json"));
        assertThat(j.path("deleted").asLong()).as(j.toString()).isEqualTo(2);
        assertThat(j.path("header").path("revision").asLong()).as(j.toString()).isEqualTo(rev + 1);
        assertThat(j.path("prev_kvs").size()).as(j.toString()).isEqualTo(2);
        assertThat(j.path("prev_kvs").get(1).path("key").asText()).isEqualTo(p.key("b"));
        assertThat(j.path("prev_kvs").get(1).path("mod_revision").asLong()).isEqualTo(rev);
    }

    @Test
    void badCombinationsAreUsageErrorsAnEmptyKeyInvalidInputAndNothingIsDeleted(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2");
        for (String[] args : new String[][] {
            {"del", p.value(), "--prefix", "--from-key"},
            {"del", p.key("a"), p.key("z"), "--prefix"},
            {"del", p.key("a"), p.key("z"), "--from-key"},
        }) {
            // etcdctl: 128 for each
            Cli.Result r = cli().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(128);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err())
                    .as(r.toString())
                    .startsWith("Error: ")
                    .contains("Run 'gooetcd del --help' for usage.")
                    .hasLineCount(2);
        }
        Cli.Result empty = cli().run("del", "");
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(3);
        assertThat(empty.err()).as(empty.toString()).startsWith("Error: ").hasLineCount(1);
        assertThat(keysUnder(p.value())).containsExactly(p.key("a"), p.key("b"));
    }
}
