package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.etcdctlGet;
import static io.googo.etcd.cli.KvTestSupport.grantLease;
import static io.googo.etcd.cli.KvTestSupport.hexId;
import static io.googo.etcd.cli.KvTestSupport.json;
import static io.googo.etcd.cli.KvTestSupport.keys;
import static io.googo.etcd.cli.KvTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gooetcd get}: every flag and every output format, against a real etcd. */
class GetCommandTest {
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

    /** Simple output of the pairs: key line, value line, each. */
    private static String pairs(String... keyValues) {
        StringBuilder sb = new StringBuilder();
        for (String s : keyValues) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    /**
     * The sort fixture: a, b, c, d written so that every sort target, in either order, gives an order of
     * its own (and none is plain key order). Final state, revisions relative to the fixture's start:
     * a="1" (create 3, mod 10, version 3), b="3" (create 2, mod 2, version 1),
     * c="2" (create 4, mod 7, version 4), d="4" (create 1, mod 9, version 2).
     */
    private record Fixture(long base) {
        long create(char k) {
            return base
                    + switch (k) {
                        case 'd' -> 1;
                        case 'b' -> 2;
                        case 'a' -> 3;
                        default -> 4;
                    };
        }

        long mod(char k) {
            return base
                    + switch (k) {
                        case 'b' -> 2;
                        case 'c' -> 7;
                        case 'd' -> 9;
                        default -> 10;
                    };
        }
    }

    private static Fixture fixture(TestPrefix p) {
        long last = put(
                etcd,
                p.key("d"),
                "x",
                p.key("b"),
                "3",
                p.key("a"),
                "x",
                p.key("c"),
                "x",
                p.key("c"),
                "x",
                p.key("c"),
                "x",
                p.key("c"),
                "2",
                p.key("a"),
                "x",
                p.key("d"),
                "4",
                p.key("a"),
                "1");
        return new Fixture(last - 10);
    }

    @Test
    void singleKeyPrintsKeyAndValue(TestPrefix p) {
        put(etcd, p.key("k"), "v", p.key("k2"), "v2");
        assertThat(ok("get", p.key("k")).out()).isEqualTo(pairs(p.key("k"), "v"));
    }

    @Test
    void missingKeyPrintsNothingAndExitsZero(TestPrefix p) {
        for (String format : new String[] {"simple", "fields"}) {
            Cli.Result r = ok("get", p.key("nothing-here"), "-w", format);
            if (format.equals("simple")) {
                assertThat(r.out()).as(r.toString()).isEmpty();
            } else {
                assertThat(r.out()).as(r.toString()).contains("\"Count\" : 0").doesNotContain("\"Key\"");
            }
        }
        JsonNode j = json(ok("get", p.key("nothing-here"), "-w", "json"));
        assertThat(j.path("kvs").size()).isZero();
        assertThat(j.path("count").asLong()).isZero();
    }

    @Test
    void prefixGetsOnlyKeysStartingWithIt(TestPrefix p) {
        put(etcd, p.key("dir/a"), "1", p.key("dir/b"), "2", p.key("dir0"), "x", p.key("dis"), "y", p.key("di"), "z");
        assertThat(ok("get", p.key("dir/"), "--prefix").out())
                .isEqualTo(pairs(p.key("dir/a"), "1", p.key("dir/b"), "2"));
        assertThat(ok("get", p.key("dir"), "--prefix").out())
                .isEqualTo(pairs(p.key("dir/a"), "1", p.key("dir/b"), "2", p.key("dir0"), "x"));
    }

    @Test
    void fromKeyGetsEveryKeyFromItToTheEndOfTheKeySpace(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3", "~zz-after-every-prefix", "4");
        JsonNode j = json(ok("get", p.key("b"), "--from-key", "-w", "json"));
        List<String> keys = keys(j);
        assertThat(keys)
                .as(j.toString())
                .startsWith(p.key("b"), p.key("c"))
                .contains("~zz-after-every-prefix")
                .doesNotContain(p.key("a"));
        assertThat(keys).allSatisfy(k -> assertThat(k).isGreaterThanOrEqualTo(p.key("b")));
        assertThat(keys).isSorted();
        assertThat(j.path("count").asLong()).isEqualTo(keys.size());
        etcd.etcdctl("del", "~zz-after-every-prefix").assertOk();
    }

    @Test
    void rangeEndIsExclusive(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3", p.key("d"), "4");
        assertThat(ok("get", p.key("a"), p.key("c")).out()).isEqualTo(pairs(p.key("a"), "1", p.key("b"), "2"));
        assertThat(ok("get", p.key("b"), p.key("b")).out()).as("an empty range").isEmpty();
    }

    @Test
    void limitCutsTheRangeAndJsonSaysThereIsMore(TestPrefix p) {
        put(etcd, p.key("1"), "a", p.key("2"), "b", p.key("3"), "c", p.key("4"), "d", p.key("5"), "e");
        assertThat(ok("get", p.value(), "--prefix", "--limit", "2").out())
                .isEqualTo(pairs(p.key("1"), "a", p.key("2"), "b"));

        JsonNode limited = json(ok("get", p.value(), "--prefix", "--limit", "2", "-w", "json"));
        assertThat(keys(limited)).containsExactly(p.key("1"), p.key("2"));
        assertThat(limited.path("more").asBoolean()).as(limited.toString()).isTrue();
        assertThat(limited.path("count").asLong())
                .as("count is the whole range")
                .isEqualTo(5);

        JsonNode exact = json(ok("get", p.value(), "--prefix", "--limit", "5", "-w", "json"));
        assertThat(keys(exact)).hasSize(5);
        assertThat(exact.path("more").asBoolean()).as(exact.toString()).isFalse();

        JsonNode paged = json(ok("get", p.value(), "--prefix", "--limit", "3", "--page-size", "2", "-w", "json"));
        assertThat(keys(paged)).containsExactly(p.key("1"), p.key("2"), p.key("3"));
        assertThat(paged.path("more").asBoolean()).as(paged.toString()).isTrue();
        assertThat(paged.path("count").asLong()).isEqualTo(5);

        JsonNode unlimited = json(ok("get", p.value(), "--prefix", "--limit", "0", "--page-size", "2", "-w", "json"));
        assertThat(keys(unlimited)).hasSize(5);
        assertThat(unlimited.path("more").asBoolean()).isFalse();

        Cli.Result negative = cli().run("get", p.value(), "--prefix", "--limit", "-1");
        assertThat(negative.exitCode()).as(negative.toString()).isEqualTo(128);
        assertThat(negative.out()).as(negative.toString()).isEmpty();
    }

    @Test
    void revReadsTheValueAtAnOldRevision(TestPrefix p) {
        String k = p.key("k");
        long r1 = put(etcd, k, "old");
        long r2 = put(etcd, k, "new");
        assertThat(ok("get", k, "--rev", Long.toString(r1)).out()).isEqualTo(pairs(k, "old"));
        assertThat(ok("get", k, "--rev", Long.toString(r2)).out()).isEqualTo(pairs(k, "new"));
        assertThat(ok("get", k).out()).isEqualTo(pairs(k, "new"));
        assertThat(ok("get", k, "--rev", Long.toString(r1 - 1)).out())
                .as("before the key existed")
                .isEmpty();

        put(etcd, p.key("k2"), "later");
        JsonNode atR1 = json(ok("get", p.value(), "--prefix", "--rev", Long.toString(r1), "-w", "json"));
        assertThat(keys(atR1)).containsExactly(k);
        assertThat(atR1.path("kvs").get(0).path("value").asText()).isEqualTo("old");
    }

    @ParameterizedTest(name = "--sort-by {0} --order {1}")
    @CsvSource({
        "key, ascend, a b c d",
        "key, descend, d c b a",
        "create, ascend, d b a c",
        "create, descend, c a b d",
        "modify, ascend, b c d a",
        "modify, descend, a d c b",
        "version, ascend, b d a c",
        "version, descend, c a d b",
        "value, ascend, a c b d",
        "value, descend, d b c a",
        "MODIFY, DESCEND, a d c b",
        "create, , d b a c",
    })
    void sortByEachTargetInEachOrder(String target, String order, String expected, TestPrefix p) {
        fixture(p);
        List<String> args = new ArrayList<>(List.of("get", p.value(), "--prefix", "--sort-by", target));
        if (order != null) {
            args.addAll(List.of("--order", order));
        }
        args.addAll(List.of("-w", "json"));
        JsonNode j = json(ok(args.toArray(new String[0])));
        List<String> want = Arrays.stream(expected.split(" ")).map(p::key).toList();
        assertThat(keys(j)).as(j.toString()).containsExactlyElementsOf(want);

        args.remove(args.size() - 1);
        args.remove(args.size() - 1);
        args.add("--keys-only");
        StringBuilder simple = new StringBuilder();
        want.forEach(k -> simple.append(k).append("\n\n"));
        assertThat(ok(args.toArray(new String[0])).out()).isEqualTo(simple.toString());
    }

    @Test
    void sortWithLimitTakesTheFirstOfTheSortedRange(TestPrefix p) {
        fixture(p);
        assertThat(ok("get", p.value(), "--prefix", "--sort-by", "modify", "--order", "descend", "--limit", "1")
                        .out())
                .isEqualTo(pairs(p.key("a"), "1"));
        assertThat(ok("get", p.value(), "--prefix", "--sort-by", "version", "--limit", "2")
                        .out())
                .isEqualTo(pairs(p.key("b"), "3", p.key("d"), "4"));
    }

    @Test
    void badSortTargetOrderConsistencyOrPageSizeIsAUsageError(TestPrefix p) {
        // etcdctl 3.4 exits 4 for the first three (its "bad feature" code); a malformed argument is
        // a usage error in CLI.md, as picocli makes it
        for (String[] args : new String[][] {
            {"get", p.value(), "--prefix", "--sort-by", "size", "'size' is not a sort target; use create, modify"},
            {"get", p.value(), "--prefix", "--order", "sideways", "'sideways' is not a sort order; use ascend or"},
            {"get", p.value(), "--consistency", "x", "'x' is not a consistency; use l (linearizable) or s"},
            {"get", p.value(), "--prefix", "--page-size", "0", "--page-size must be at least 1"},
        }) {
            Cli.Result r = cli().run(Arrays.copyOf(args, args.length - 1));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(128);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err())
                    .as(r.toString())
                    .startsWith("Error: ")
                    .contains(args[args.length - 1])
                    .endsWith("\nRun 'gooetcd get --help' for usage.\n")
                    .hasLineCount(2);
        }
        assertThat(ok("get", p.value(), "--prefix", "--sort-by", "CREATE", "--order", "Descend")
                        .exitCode())
                .as("names in any case, as etcdctl")
                .isZero();
    }

    @Test
    void keysOnlyPrintsEachKeyThenAnEmptyLine(TestPrefix p) {
        put(etcd, p.key("a"), "value-a", p.key("b"), "value-b");
        Cli.Result r = ok("get", p.value(), "--prefix", "--keys-only");
        assertThat(r.out()).isEqualTo(p.key("a") + "\n\n" + p.key("b") + "\n\n");
        assertThat(etcd.etcdctl("get", p.value(), "--prefix", "--keys-only")
                        .assertOk()
                        .stdout())
                .as("etcdctl prints the same")
                .isEqualTo(r.out());

        JsonNode j = json(ok("get", p.value(), "--prefix", "--keys-only", "-w", "json"));
        assertThat(keys(j)).containsExactly(p.key("a"), p.key("b"));
        j.path("kvs").forEach(kv -> {
            assertThat(kv.path("value").asText()).as(kv.toString()).isEmpty();
            assertThat(kv.path("mod_revision").asLong()).as(kv.toString()).isPositive();
        });
    }

    @Test
    void countOnlyPrintsTheNumber(TestPrefix p) {
        put(etcd, p.key("a"), "1", p.key("b"), "2", p.key("c"), "3");
        assertThat(ok("get", p.value(), "--prefix", "--count-only").out()).isEqualTo("3\n");
        assertThat(ok("get", p.key("zzz"), "--prefix", "--count-only").out()).isEqualTo("0\n");

        JsonNode j = json(ok("get", p.value(), "--prefix", "--count-only", "-w", "json"));
        assertThat(j.path("count").asLong()).as(j.toString()).isEqualTo(3);
        assertThat(j.path("kvs").size()).as(j.toString()).isZero();
    }

    @Test
    void printValueOnlyPrintsOnlyTheValues(TestPrefix p) {
        put(etcd, p.key("a"), "first", p.key("b"), "second");
        Cli.Result r = ok("get", p.value(), "--prefix", "--print-value-only");
        assertThat(r.out()).isEqualTo("first\nsecond\n");
        assertThat(etcd.etcdctl("get", p.value(), "--prefix", "--print-value-only")
                        .assertOk()
                        .stdout())
                .isEqualTo(r.out());
    }

    @Test
    void serializableReadSeesTheKey(TestPrefix p) {
        put(etcd, p.key("k"), "v");
        assertThat(ok("get", p.key("k"), "--consistency", "s").out()).isEqualTo(pairs(p.key("k"), "v"));
        assertThat(ok("get", p.key("k"), "--consistency", "l").out()).isEqualTo(pairs(p.key("k"), "v"));
    }

    /**
     * What tells the two apart: a member that lost its quorum still serves a serializable read from its
     * own data, while a linearizable read cannot complete.
     */
    @Test
    void serializableReadIsServedByAMemberWithoutQuorum(TestPrefix p) {
        try (EtcdCluster cluster = EtcdCluster.builder().size(2).start()) {
            String k = p.key("k");
            cluster.etcdctl("put", k, "v").assertOk();
            EtcdProcess alone = cluster.member(0);
            Await.until(
                    Duration.ofSeconds(5),
                    () -> alone.etcdctl("get", k, "--consistency=s", "--print-value-only")
                            .out()
                            .equals("v"),
                    "member 0 to have applied the put");
            cluster.stop(1);

            Cli c = Cli.at(alone.clientUrl()).global("--dial-timeout", "1s", "--command-timeout", "1s");
            Cli.Result s = c.run("get", k, "--consistency", "s");
            assertThat(s.exitCode()).as(s.toString()).isZero();
            assertThat(s.out()).as(s.toString()).isEqualTo(pairs(k, "v"));

            Cli.Result l = c.run("get", k, "--consistency", "l");
            assertThat(l.exitCode()).as(l.toString()).isEqualTo(2);
            assertThat(l.out()).as(l.toString()).isEmpty();
            assertThat(l.err()).as(l.toString()).startsWith("Error: ").hasLineCount(1);
        }
    }

    private static List<String> filtered(TestPrefix p, String... filters) {
        List<String> args = new ArrayList<>(List.of("get", p.value(), "--prefix", "-w", "json"));
        args.addAll(List.of(filters));
        return keys(json(ok(args.toArray(new String[0]))));
    }

    private static List<String> keysOf(TestPrefix p, String names) {
        return Arrays.stream(names.split(" ")).map(p::key).toList();
    }

    @Test
    void createAndModRevisionFilters(TestPrefix p) {
        Fixture f = fixture(p);
        // create: d < b < a < c; mod: b < c < d < a
        assertThat(filtered(p, "--min-create-rev", Long.toString(f.create('a'))))
                .isEqualTo(keysOf(p, "a c"));
        assertThat(filtered(p, "--max-create-rev", Long.toString(f.create('a'))))
                .isEqualTo(keysOf(p, "a b d"));
        assertThat(filtered(p, "--min-mod-rev", Long.toString(f.mod('c')))).isEqualTo(keysOf(p, "a c d"));
        assertThat(filtered(p, "--max-mod-rev", Long.toString(f.mod('c')))).isEqualTo(keysOf(p, "b c"));
        assertThat(filtered(
                        p,
                        "--min-create-rev",
                        Long.toString(f.create('b')),
                        "--max-create-rev",
                        Long.toString(f.create('b'))))
                .isEqualTo(keysOf(p, "b"));
        assertThat(filtered(
                        p,
                        "--min-mod-rev",
                        Long.toString(f.mod('a')),
                        "--max-mod-rev",
                        Long.toString(f.mod('a')),
                        "--page-size",
                        "1"))
                .as("filters hold across pages")
                .isEqualTo(keysOf(p, "a"));
        assertThat(filtered(
                        p,
                        "--min-create-rev",
                        Long.toString(f.create('b')),
                        "--max-mod-rev",
                        Long.toString(f.mod('d')),
                        "--page-size",
                        "1"))
                .isEqualTo(keysOf(p, "b c"));
        assertThat(filtered(
                        p,
                        "--max-create-rev",
                        Long.toString(f.create('a')),
                        "--sort-by",
                        "modify",
                        "--order",
                        "descend"))
                .as("filters with a sort")
                .isEqualTo(keysOf(p, "a d b"));
        assertThat(ok("get", p.value(), "--prefix", "--min-mod-rev", Long.toString(f.mod('a') + 1))
                        .out())
                .as("nothing modified after a")
                .isEmpty();
    }

    @Test
    void prefixWithFromKeyIsAUsageError(TestPrefix p) {
        // etcdctl: exit 128 for both
        put(etcd, p.key("k"), "v");
        Cli.Result r = cli().run("get", p.value(), "--prefix", "--from-key");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(128);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err())
                .as(r.toString())
                .isEqualTo("Error: --prefix and --from-key cannot be used together\n"
                        + "Run 'gooetcd get --help' for usage.\n");

        Cli.Result end = cli().run("get", p.value(), p.key("z"), "--prefix");
        assertThat(end.exitCode()).as(end.toString()).isEqualTo(128);
        assertThat(end.out()).as(end.toString()).isEmpty();
    }

    @Test
    void everyOutputFormat(TestPrefix p) {
        String lease = grantLease(etcd, 60);
        try {
            put(etcd, p.key("a"), "1");
            etcd.etcdctl("put", p.key("b"), "two words", "--lease=" + lease).assertOk();
            JsonNode ctl = etcdctlGet(etcd, p.value(), "--prefix");
            JsonNode a = ctl.path("kvs").get(0);
            JsonNode b = ctl.path("kvs").get(1);
            long rev = ctl.path("header").path("revision").asLong();

            assertThat(ok("get", p.value(), "--prefix", "-w", "simple").out())
                    .isEqualTo(pairs(p.key("a"), "1", p.key("b"), "two words"));

            JsonNode j = json(ok("get", p.value(), "--prefix", "-w", "json"));
            assertThat(j.path("header").path("revision").asLong()).isEqualTo(rev);
            assertThat(keys(j)).containsExactly(p.key("a"), p.key("b"));
            assertThat(j.path("kvs").get(0).path("value").asText()).isEqualTo("1");
            assertThat(j.path("kvs").get(0).path("lease").asText()).isEqualTo("0");
            assertThat(j.path("kvs").get(1).path("value").asText()).isEqualTo("two words");
            String leaseHex = String.format("%016x", hexId(lease));
            assertThat(j.path("kvs").get(1).path("lease").asText()).isEqualTo(leaseHex);
            assertThat(j.path("kvs").get(1).path("mod_revision").asLong())
                    .isEqualTo(b.path("mod_revision").asLong());
            assertThat(j.path("count").asLong()).isEqualTo(2);
            assertThat(j.path("more").isBoolean()).isTrue();

            assertThat(json(ok("get", p.value(), "--prefix", "-w", "etcdctl-json")
                            .out()))
                    .as("etcdctl-json is what etcdctl -w json prints")
                    .isEqualTo(ctl);

            // column width: the widest cell or header; revisions are a's (older, shorter or equal) and b's
            String ra = Long.toString(a.path("create_revision").asLong());
            String rb = Long.toString(b.path("create_revision").asLong());
            int[] w = {
                p.key("a").length(),
                "two words".length(),
                Math.max("CREATE_REV".length(), rb.length()),
                Math.max("MOD_REV".length(), rb.length()),
                "VERSION".length(),
                Math.max("LEASE".length(), leaseHex.length())
            };
            StringBuilder border = new StringBuilder("+");
            for (int width : w) {
                border.append("-".repeat(width + 2)).append('+');
            }
            border.append('\n');
            String table = border
                    + row(w, "KEY", "VALUE", "CREATE_REV", "MOD_REV", "VERSION", "LEASE")
                    + border
                    + row(w, p.key("a"), "1", ra, ra, "1", "0")
                    + row(w, p.key("b"), "two words", rb, rb, "1", leaseHex)
                    + border;
            assertThat(ok("get", p.value(), "--prefix", "-w", "table").out()).isEqualTo(table);

            assertThat(ok("get", p.value(), "--prefix", "-w", "fields").out())
                    .as("fields is what etcdctl -w fields prints")
                    .isEqualTo(etcd.etcdctl("get", p.value(), "--prefix", "-w", "fields")
                            .assertOk()
                            .stdout());

            Cli.Result bad = cli().run("get", p.value(), "--prefix", "-w", "xml");
            assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(4);
            assertThat(bad.out()).as(bad.toString()).isEmpty();
            assertThat(bad.err()).as(bad.toString()).contains("xml", "simple, json, table, fields, etcdctl-json, yaml");
        } finally {
            etcd.etcdctl("lease", "revoke", lease);
        }
    }

    private static String row(int[] widths, String... cells) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(widths[i] - cells[i].length()))
                    .append(" |");
        }
        return sb.append('\n').toString();
    }
}
