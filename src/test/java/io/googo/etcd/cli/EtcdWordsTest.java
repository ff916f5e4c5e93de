package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcd's own words in our errors (issue #15, item 7): for each failure the server reports, etcdctl and
 * gooetcd run against the same server, and our {@code Error:} line carries the "etcdserver: …" text
 * etcdctl prints.
 */
class EtcdWordsTest {
    private static final int MAX_TXN_OPS = 4;
    private static final int MAX_REQUEST_BYTES = 4096;
    private static final String ALICE_PW = "alice-words-pw";

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder()
            .extraArgs("--max-txn-ops=" + MAX_TXN_OPS, "--max-request-bytes=" + MAX_REQUEST_BYTES)
            .build();

    @RegisterExtension
    static final EtcdExtension secured =
            EtcdExtension.builder().rootPassword("root-words-pw").build();

    @BeforeAll
    static void addAlice() {
        secured.process().addUser("alice", ALICE_PW, "/alice/");
    }

    private static String key(String name) {
        return "/words-" + UUID.randomUUID() + "/" + name;
    }

    /** The "etcdserver: ..." words of etcdctl's {@code Error:} line. */
    private static String etcdctlWords(EtcdctlResult c) {
        assertThat(c.exitCode()).as(c.toString()).isNotZero();
        String line = c.stderr()
                .lines()
                .filter(l -> l.startsWith("Error: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Error: line from etcdctl: " + c));
        int at = line.indexOf("etcdserver: ");
        assertThat(at).as("etcd's words in etcdctl's error: " + c).isNotNegative();
        String words = line.substring(at).strip();
        // etcdctl wraps some in its own text: "failed to revoke lease (etcdserver: ...)"
        return words.endsWith(")") && !words.contains("(") ? words.substring(0, words.length() - 1) : words;
    }

    private static void assertSameWords(EtcdctlResult c, Cli.Result g, String expected) {
        String words = etcdctlWords(c);
        assertThat(words).as(c.toString()).contains(expected);
        assertThat(g.exitCode()).as(g.toString()).isNotZero();
        assertThat(g.err().lines().filter(l -> l.startsWith("Error: ")).count())
                .as(g.toString())
                .isEqualTo(1);
        assertThat(g.err()).as(g.toString()).contains(words).doesNotContain("\tat ");
    }

    private static Cli.Result goo(String... args) {
        return Cli.at(etcd.clientUrl()).run(args);
    }

    @Test
    void futureRevision() {
        String k = key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        assertSameWords(
                etcd.etcdctl("get", k, "--rev=100000000"),
                goo("get", k, "--rev=100000000"),
                "etcdserver: mvcc: required revision is a future revision");
    }

    @Test
    void putWithAMissingLease() {
        String k = key("k");
        assertSameWords(
                etcd.etcdctl("put", k, "v", "--lease=1234abcd"),
                goo("put", k, "v", "--lease=1234abcd"),
                "etcdserver: requested lease not found");
        assertThat(etcd.etcdctl("get", k).assertOk().out())
                .as("nothing written")
                .isEmpty();
    }

    @Test
    void revokeAMissingLease() {
        assertSameWords(
                etcd.etcdctl("lease", "revoke", "1234abce"),
                goo("lease", "revoke", "1234abce"),
                "etcdserver: requested lease not found");
    }

    @Test
    void compactionBelowTheCompactedRevision() {
        String k = key("k");
        etcd.etcdctl("put", k, "1").assertOk();
        etcd.etcdctl("put", k, "2").assertOk();
        long rev = Long.parseLong(etcd.etcdctl("get", k, "-w", "fields")
                .assertOk()
                .out()
                .lines()
                .filter(l -> l.startsWith("\"Revision\""))
                .findFirst()
                .orElseThrow()
                .replaceAll("[^0-9]", ""));
        etcd.etcdctl("compaction", Long.toString(rev)).assertOk();
        assertSameWords(
                etcd.etcdctl("compaction", Long.toString(rev - 1)),
                goo("compaction", Long.toString(rev - 1)),
                "etcdserver: mvcc: required revision has been compacted");
    }

    @Test
    void moreOpsThanTheServerAllowsInATxn() {
        StringBuilder in = new StringBuilder("\n");
        String base = key("t");
        for (int i = 0; i <= MAX_TXN_OPS; i++) {
            in.append("put ").append(base).append(i).append(" v\n");
        }
        in.append("\n\n");
        EtcdctlResult c = etcd.process().etcdctlWithInput(in.toString(), "txn");
        Cli.Result g = Cli.at(etcd.clientUrl()).stdin(in.toString()).run("txn");
        assertSameWords(c, g, "etcdserver: too many operations in txn request");
        assertThat(etcd.etcdctl("get", base, "--prefix").assertOk().out())
                .as("nothing written")
                .isEmpty();
    }

    @Test
    void requestTooLarge() {
        String k = key("big");
        String big = "x".repeat(MAX_REQUEST_BYTES * 2);
        assertSameWords(etcd.etcdctl("put", k, big), goo("put", k, big), "etcdserver: request is too large");
        assertThat(etcd.etcdctl("get", k).assertOk().out())
                .as("nothing written")
                .isEmpty();
    }

    @Test
    void permissionDenied() {
        String k = "/not-alices/" + UUID.randomUUID();
        EtcdctlResult c = secured.process().etcdctlRaw("--user=alice:" + ALICE_PW, "put", k, "v");
        Cli.Result g = Cli.at(secured.clientUrl()).run("--user", "alice:" + ALICE_PW, "put", k, "v");
        assertSameWords(c, g, "etcdserver: permission denied");
    }
}
