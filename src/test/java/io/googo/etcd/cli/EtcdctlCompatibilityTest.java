package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.grantLease;
import static io.googo.etcd.cli.KvTestSupport.json;
import static io.googo.etcd.cli.KvTestSupport.put;
import static io.googo.etcd.cli.KvTestSupport.revision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * gooetcd's simple, fields and etcdctl-json output against what the real etcdctl prints for the same
 * data. Reads are compared on one state; writes run on two identical key sets (one per tool, written in
 * the same sequence) and are compared with the key set's prefix and base revision taken out.
 */
class EtcdctlCompatibilityTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static Cli.Result goo(String... args) {
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private static EtcdctlResult ctl(String... args) {
        return etcd.etcdctl(args).assertOk();
    }

    /** Same args to both tools on the same state: stdout must be equal byte for byte. */
    private static void sameSimpleOutput(String... args) {
        EtcdctlResult c = ctl(args);
        Cli.Result g = goo(args);
        assertThat(g.outBytes())
                .as("gooetcd " + String.join(" ", args) + "\n" + g + "\netcdctl:\n" + c)
                .containsExactly(c.stdout().getBytes(StandardCharsets.UTF_8));
    }

    /** A side of a write comparison: its own prefix (same length for both) and the revision before it began. */
    private record Side(String prefix, long base) {
        String key(String name) {
            return prefix + name;
        }

        String normalize(String out) {
            return out.replace(prefix, "<P>/");
        }
    }

    private static Side side(TestPrefix p, String name) {
        return new Side(p.key(name + "/"), revision(etcd));
    }

    /** What one write comparison ran: each side and each tool's output. */
    private record WriteRun(Side ctl, EtcdctlResult ctlResult, Side goo, Cli.Result gooResult) {}

    private static int sides;

    /**
     * Runs {@code setup} then the command on etcdctl's side, then the same on gooetcd's side, one side
     * after the other, each on fresh keys, so that both see the same revisions relative to their start.
     * In {@code command}, {@code @name} stands for the side's key {@code name}.
     */
    private static WriteRun writes(
            TestPrefix p, Consumer<Side> setup, String[] command, String[] ctlTail, String[] gooTail) {
        int n = sides++;
        Side c = side(p, "ctl" + n);
        setup.accept(c);
        EtcdctlResult cr = ctl(args(c, command, ctlTail));
        Side g = side(p, "goo" + n);
        setup.accept(g);
        Cli.Result gr = goo(args(g, command, gooTail));
        return new WriteRun(c, cr, g, gr);
    }

    /** {@code head} with every {@code @name} replaced by the side's key for name, then {@code tail}. */
    private static String[] args(Side s, String[] head, String... tail) {
        List<String> a = new ArrayList<>();
        for (String h : head) {
            a.add(h.startsWith("@") ? s.key(h.substring(1)) : h);
        }
        a.addAll(List.of(tail));
        return a.toArray(new String[0]);
    }

    private static void sameSimpleWrite(TestPrefix p, Consumer<Side> setup, String... command) {
        WriteRun w = writes(p, setup, command, new String[0], new String[0]);
        String expected = w.ctl().normalize(w.ctlResult().stdout());
        assertThat(w.goo().normalize(w.gooResult().out()))
                .as("gooetcd:\n" + w.gooResult() + "\netcdctl:\n" + w.ctlResult())
                .isEqualTo(expected);
        assertThat(w.gooResult().outBytes())
                .as("raw bytes")
                .containsExactly(w.ctlResult()
                        .stdout()
                        .replace(w.ctl().prefix(), w.goo().prefix())
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * etcdctl's JSON with what legitimately differs between the two sides taken out: keys lose the side's
     * prefix, and every revision is made relative to the side's start. Everything else (IDs, raft term,
     * values, versions, leases, counts, and which fields are present) must be equal.
     */
    private static JsonNode normalized(JsonNode doc, Side s) {
        JsonNode copy = doc.deepCopy();
        normalize(copy, s);
        return copy;
    }

    private static void normalize(JsonNode n, Side s) {
        if (n.isArray()) {
            n.forEach(c -> normalize(c, s));
            return;
        }
        if (!n.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) n;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        o.fields().forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> e : entries) {
            String f = e.getKey();
            JsonNode v = e.getValue();
            if (f.equals("key")) {
                o.put(f, s.normalize(new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8)));
            } else if (Set.of("revision", "create_revision", "mod_revision").contains(f)) {
                o.put(f, v.asLong() - s.base());
            } else {
                normalize(v, s);
            }
        }
    }

    /** {@code etcdctl -w json} against {@code gooetcd -w etcdctl-json} for a write, compared as JSON. */
    private static void sameJsonWrite(TestPrefix p, Consumer<Side> setup, String... command) {
        WriteRun w = writes(p, setup, command, new String[] {"-w", "json"}, new String[] {"-w", "etcdctl-json"});
        JsonNode c = json(w.ctlResult().stdout());
        JsonNode g = json(w.gooResult());
        assertThat(normalized(g, w.goo()))
                .as("gooetcd:\n" + w.gooResult() + "\netcdctl:\n" + w.ctlResult())
                .isEqualTo(normalized(c, w.ctl()));
    }

    // ------------------------------------------------------------------------------------ simple

    private static void readFixture(TestPrefix p) {
        put(
                etcd,
                p.key("a"),
                "1",
                p.key("b"),
                "two words",
                p.key("c"),
                "",
                p.key("d"),
                "tab\there \"q\" \\ ü✓",
                p.key("e"),
                "line1\nline2");
    }

    @Test
    void getSimpleOutputIsEtcdctls(TestPrefix p) {
        readFixture(p);
        sameSimpleOutput("get", p.key("b"));
        sameSimpleOutput("get", p.key("d"));
        sameSimpleOutput("get", p.value(), "--prefix");
        sameSimpleOutput("get", p.value(), "--prefix", "--keys-only");
        sameSimpleOutput("get", p.value(), "--prefix", "--print-value-only");
        sameSimpleOutput("get", p.value(), "--prefix", "--limit", "2");
        sameSimpleOutput("get", p.key("b"), p.key("e"));
        sameSimpleOutput("get", p.value(), "--prefix", "--sort-by", "value", "--order", "descend");
        sameSimpleOutput("get", p.key("missing"));
    }

    @Test
    void putSimpleOutputIsEtcdctls(TestPrefix p) {
        sameSimpleWrite(p, s -> {}, "put", "@k", "v");
        sameSimpleWrite(p, s -> put(etcd, s.key("k"), "old value"), "put", "@k", "new", "--prev-kv");
        sameSimpleWrite(p, s -> {}, "put", "@fresh", "v", "--prev-kv");
    }

    @Test
    void delSimpleOutputIsEtcdctls(TestPrefix p) {
        Consumer<Side> three = s -> put(etcd, s.key("a"), "1", s.key("b"), "2", s.key("c"), "3");
        sameSimpleWrite(p, three, "del", "@a");
        sameSimpleWrite(p, three, "del", "@b", "--prev-kv");
        sameSimpleWrite(p, three, "del", "@", "--prefix");
        sameSimpleWrite(p, three, "del", "@", "--prefix", "--prev-kv");
        sameSimpleWrite(p, s -> {}, "del", "@nothing");
    }

    // ------------------------------------------------------------------------------ etcdctl-json

    /** Same args to both tools on the same state: gooetcd's etcdctl-json must equal etcdctl's json. */
    private static void sameJsonRead(String... args) {
        List<String> c = new ArrayList<>(List.of(args));
        c.addAll(List.of("-w", "json"));
        List<String> g = new ArrayList<>(List.of(args));
        g.addAll(List.of("-w", "etcdctl-json"));
        EtcdctlResult cr = ctl(c.toArray(new String[0]));
        Cli.Result gr = goo(g.toArray(new String[0]));
        assertThat(json(gr)).as("gooetcd:\n" + gr + "\netcdctl:\n" + cr).isEqualTo(json(cr.stdout()));
    }

    @Test
    void getEtcdctlJsonIsEtcdctlsJson(TestPrefix p) {
        String lease = grantLease(etcd, 60);
        try {
            long first = put(etcd, p.key("a"), "1", p.key("b"), "two words");
            ctl("put", p.key("c"), "leased", "--lease=" + lease);
            put(etcd, p.key("a"), "1 again");
            sameJsonRead("get", p.key("a"));
            sameJsonRead("get", p.key("c"));
            sameJsonRead("get", p.value(), "--prefix");
            sameJsonRead("get", p.value(), "--prefix", "--limit", "2");
            sameJsonRead("get", p.value(), "--prefix", "--keys-only");
            sameJsonRead("get", p.value(), "--prefix", "--rev", Long.toString(first));
            sameJsonRead("get", p.value(), "--prefix", "--sort-by", "modify", "--order", "descend");
            sameJsonRead("get", p.key("missing"));
        } finally {
            ctl("lease", "revoke", lease);
        }
    }

    @Test
    void putEtcdctlJsonIsEtcdctlsJson(TestPrefix p) {
        sameJsonWrite(p, s -> {}, "put", "@k", "v");
        sameJsonWrite(p, s -> put(etcd, s.key("k"), "old", s.key("k"), "older"), "put", "@k", "new", "--prev-kv");
        sameJsonWrite(p, s -> {}, "put", "@fresh", "v", "--prev-kv");
    }

    @Test
    void delEtcdctlJsonIsEtcdctlsJson(TestPrefix p) {
        Consumer<Side> three = s -> put(etcd, s.key("a"), "1", s.key("b"), "2", s.key("c"), "3", s.key("b"), "22");
        sameJsonWrite(p, three, "del", "@a");
        sameJsonWrite(p, three, "del", "@b", "--prev-kv");
        sameJsonWrite(p, three, "del", "@", "--prefix");
        sameJsonWrite(p, three, "del", "@", "--prefix", "--prev-kv");
        sameJsonWrite(p, three, "del", "@a", "@c", "--prev-kv");
        sameJsonWrite(p, s -> {}, "del", "@nothing");
        sameJsonWrite(p, s -> {}, "del", "@nothing", "--prev-kv");
    }

    // ------------------------------------------------------------------------------------ fields

    @Test
    void getFieldsOutputIsEtcdctls(TestPrefix p) {
        String lease = grantLease(etcd, 60);
        try {
            put(
                    etcd,
                    p.key("plain"),
                    "v",
                    p.key("quotes"),
                    "say \"hi\" \\ back\\slash",
                    p.key("controls"),
                    "tab\tnl\ncr\rbell\u0007del\u007fesc\u001b",
                    p.key("unicode"),
                    "ü✓ 日本 \uD83D\uDE00",
                    p.key("nonprint"),
                    "zw\u200bsp nbsp\u00a0 nel\u0085 bom\ufeff shy\u00ad",
                    p.key("k\u200b\u00a0"),
                    "key with non-printable characters");
            ctl("put", p.key("leased"), "x", "--lease=" + lease);
            Cli.Result bin = cli().stdin(
                            new byte[] {'a', (byte) 0xff, (byte) 0xc3, 0x28, (byte) 0xe2, (byte) 0x82, 0x00, 'z'})
                    .run("put", p.key("binary"));
            assertThat(bin.exitCode()).as(bin.toString()).isZero();

            for (String[] args : new String[][] {
                {"get", p.value(), "--prefix"},
                {"get", p.key("quotes")},
                {"get", p.value(), "--prefix", "--limit", "1"},
                {"get", p.value(), "--prefix", "--keys-only"},
                {"get", p.key("missing")},
            }) {
                List<String> a = new ArrayList<>(List.of(args));
                a.addAll(List.of("-w", "fields"));
                EtcdctlResult c = ctl(a.toArray(new String[0]));
                Cli.Result g = goo(a.toArray(new String[0]));
                assertThat(g.out()).as("gooetcd:\n" + g + "\netcdctl:\n" + c).isEqualTo(c.stdout());
            }
        } finally {
            ctl("lease", "revoke", lease);
        }
    }
}
