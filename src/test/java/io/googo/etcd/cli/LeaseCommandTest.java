package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@code lease} subcommand against a real etcd, compared with what etcdctl prints. */
class LeaseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GRANTED = Pattern.compile("lease ([0-9a-f]{16}) granted with TTL\\((\\d+)s\\)\n");

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    /** Grants a lease with gooetcd; returns its hex ID. */
    private static String grant(String ttl) {
        Cli.Result r = cli().run("lease", "grant", ttl);
        assertOk(r);
        Matcher m = GRANTED.matcher(r.out());
        assertThat(m.matches()).as(r.toString()).isTrue();
        return m.group(1);
    }

    @Test
    void grantPrintsTheIdAndTtlAsEtcdctlDoes() {
        Cli.Result r = cli().run("lease", "grant", "60");
        assertOk(r);
        Matcher m = GRANTED.matcher(r.out());
        assertThat(m.matches()).as(r.toString()).isTrue();
        assertThat(m.group(2)).isEqualTo("60");
        String ttl = etcd.etcdctl("lease", "timetolive", m.group(1)).assertOk().out();
        assertThat(ttl).startsWith("lease " + m.group(1) + " granted with TTL(60s)");

        assertThat(cli().run("lease", "grant", "2m").out()).as("a Go-style TTL").contains("granted with TTL(120s)");
    }

    @Test
    void timeToLiveWithAndWithoutKeys(TestPrefix prefix) {
        String id = grant("60");
        etcd.etcdctl("put", prefix.key("a"), "1", "--lease", id).assertOk();
        etcd.etcdctl("put", prefix.key("b"), "2", "--lease", id).assertOk();

        Cli.Result plain = cli().run("lease", "timetolive", id);
        assertOk(plain);
        assertThat(plain.out())
                .as(plain.toString())
                .matches("lease " + id + " granted with TTL\\(60s\\), remaining\\((59|60)s\\)\n");

        Cli.Result keys = cli().run("lease", "timetolive", id, "--keys");
        assertOk(keys);
        assertThat(keys.out())
                .as(keys.toString())
                .matches("lease " + id
                        + " granted with TTL\\(60s\\), remaining\\(\\d+s\\), attached keys\\(\\[.*\\]\\)\n")
                .contains(prefix.key("a"))
                .contains(prefix.key("b"));
        String etcdctl =
                etcd.etcdctl("lease", "timetolive", id, "--keys").assertOk().out();
        assertThat(keys.out()
                        .replaceAll("remaining\\(\\d+s\\)", "")
                        .replaceAll("attached keys\\(\\[(.*)]\\)", "$1")
                        .split("[ \\n]"))
                .containsExactlyInAnyOrder(etcdctl.replaceAll("remaining\\(\\d+s\\)", "")
                        .replaceAll("attached keys\\(\\[(.*)]\\)", "$1")
                        .split("[ \\n]"));

        JsonNode json = json(cli().run("lease", "timetolive", id, "--keys", "-w", "json"));
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("granted_ttl").asLong()).isEqualTo(60);
        assertThat(json.get("keys"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(prefix.key("a"), prefix.key("b"));
        assertThat(json.get("header").get("revision").asLong()).isPositive();

        JsonNode ours = json(cli().run("lease", "timetolive", id, "--keys", "-w", "etcdctl-json"));
        JsonNode theirs = JSON.valueToTree(parse(etcd.etcdctl("lease", "timetolive", id, "--keys", "-w", "json")
                .assertOk()
                .out()));
        assertThat(fieldNames(ours)).isEqualTo(fieldNames(theirs));
        assertThat(ours.get("id")).isEqualTo(theirs.get("id"));
        assertThat(ours.get("granted-ttl")).isEqualTo(theirs.get("granted-ttl"));
        assertThat(ours.get("keys")).containsExactlyInAnyOrderElementsOf(theirs.get("keys"));
    }

    @Test
    void timeToLiveOfAnUnknownLeaseSaysAlreadyExpiredLikeEtcdctl() {
        Cli.Result r = cli().run("lease", "timetolive", "1234");
        assertOk(r);
        assertThat(r.out())
                .isEqualTo(
                        etcd.etcdctl("lease", "timetolive", "1234").assertOk().out() + "\n")
                .isEqualTo("lease 0000000000001234 already expired\n");
    }

    @Test
    void listShowsEveryLeaseInEveryFormat() {
        String a = grant("60");
        String b = grant("60");
        Cli.Result r = cli().run("lease", "list");
        assertOk(r);
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("found \\d+ leases");
        assertThat(Integer.parseInt(lines.get(0).split(" ")[1])).isEqualTo(lines.size() - 1);
        assertThat(lines).contains(a, b);
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyInAnyOrderElementsOf(etcd.etcdctl("lease", "list")
                        .assertOk()
                        .out()
                        .lines()
                        .skip(1)
                        .toList());

        JsonNode json = json(cli().run("lease", "list", "-w", "json"));
        assertThat(json.get("leases").findValuesAsText("id")).contains(a, b);

        JsonNode ectl = json(cli().run("lease", "list", "-w", "etcdctl-json"));
        assertThat(ectl.get("leases").findValues("id"))
                .extracting(JsonNode::asLong)
                .contains(Long.parseLong(a, 16), Long.parseLong(b, 16));

        Cli.Result table = cli().run("lease", "list", "-w", "table");
        assertOk(table);
        assertThat(table.out()).contains("| ID ", "| " + a + " |", "| " + b + " |");

        Cli.Result fields = cli().run("lease", "list", "-w", "fields");
        assertOk(fields);
        assertThat(fields.out()).contains("\"ID\" : " + Long.parseLong(a, 16));
    }

    @Test
    void revokeDeletesTheAttachedKeys(TestPrefix prefix) {
        String id = grant("60");
        etcd.etcdctl("put", prefix.key("k"), "v", "--lease", id).assertOk();
        Cli.Result r = cli().run("lease", "revoke", id);
        assertOk(r);
        assertThat(r.out()).isEqualTo("lease " + id + " revoked\n");
        assertThat(etcd.etcdctl("get", prefix.key("k")).assertOk().out()).isEmpty();
        assertThat(cli().run("lease", "timetolive", id).out()).isEqualTo("lease " + id + " already expired\n");
    }

    @Test
    void keepAliveOnceRenews() {
        String id = grant("60");
        Cli.Result r = cli().run("lease", "keep-alive", id, "--once");
        assertOk(r);
        assertThat(r.out()).isEqualTo("lease " + id + " keepalived with TTL(60)\n");

        JsonNode json = json(cli().run("lease", "keep-alive", id, "--once", "-w", "json"));
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("ttl").asLong()).isEqualTo(60);
        JsonNode ectl = json(cli().run("lease", "keep-alive", id, "--once", "-w", "etcdctl-json"));
        assertThat(ectl.get("ID").asLong()).isEqualTo(Long.parseLong(id, 16));
        assertThat(ectl.get("TTL").asLong()).isEqualTo(60);
    }

    @Test
    void keepAlivePrintsEachRenewalAndExits5WhenTheLeaseIsRevoked() throws Exception {
        String id = grant("2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> GooEtcd.run(
                new CliContext(
                        Map.of(),
                        Path.of("/nonexistent"),
                        new ByteArrayInputStream(new byte[0]),
                        out,
                        false,
                        false,
                        null),
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(err, true),
                "lease",
                "keep-alive",
                id,
                "--endpoints",
                etcd.clientUrl()));
        String line = "lease " + id + " keepalived with TTL(2)\n";
        Await.until(
                Duration.ofSeconds(10),
                () -> out.toString(StandardCharsets.UTF_8).split(Pattern.quote(line), -1).length > 3,
                "three renewals");
        etcd.etcdctl("lease", "revoke", id).assertOk();
        int exit = code.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Cli.Result r = new Cli.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(), out.toByteArray());
        assertCleanError(r, 5, "lease " + id + " expired or revoked");
        assertThat(r.out().lines()).as(r.toString()).allMatch(l -> l.equals(line.strip()));
    }

    @Test
    void otherFormats() {
        JsonNode grant = json(cli().run("lease", "grant", "30", "-w", "json"));
        assertThat(grant.get("id").asText()).matches("[0-9a-f]{16}");
        assertThat(grant.get("ttl").asLong()).isEqualTo(30);
        assertThat(grant.get("header").get("cluster_id").asText()).matches("[0-9a-f]+");

        JsonNode ectl = json(cli().run("lease", "grant", "30", "-w", "etcdctl-json"));
        JsonNode theirs = parse(
                etcd.etcdctl("lease", "grant", "30", "-w", "json").assertOk().out());
        assertThat(fieldNames(ectl)).isEqualTo(fieldNames(theirs));

        Cli.Result fields = cli().run("lease", "grant", "30", "-w", "fields");
        assertOk(fields);
        assertThat(fields.out())
                .containsPattern("\"ClusterID\" : \\d+\n")
                .containsPattern("\"ID\" : \\d+\n")
                .contains("\"TTL\" : 30\n");

        String id = grant("30");
        JsonNode revoke = json(cli().run("lease", "revoke", id, "-w", "json"));
        assertThat(revoke.get("id").asText()).isEqualTo(id);
        assertThat(revoke.get("header").get("revision").asLong()).isPositive();

        assertCleanError(cli().run("lease", "grant", "30", "-w", "table"), 4, "table");
    }

    @Test
    void badInput() {
        assertCleanError(cli().run("lease", "grant", "abc"), 128, "'abc' is not a TTL");
        assertCleanError(cli().run("lease", "grant", "0"), 3, "ttl must be a whole number of seconds");
        assertCleanError(cli().run("lease", "grant", "1500ms"), 3, "1.5s");
        assertCleanError(cli().run("lease", "revoke", "xyz"), 128, "'xyz' is not an ID");
        assertCleanError(cli().run("lease", "timetolive", "12345678901234567"), 128, "is not an ID");
        assertCleanError(
                cli().run("lease", "revoke", "1234"), 1, "lease revoke 0000000000001234", "requested lease not found");
        assertCleanError(cli().run("lease", "keep-alive", "1234"), 5, "lease 0000000000001234 expired or revoked");
        assertCleanError(
                cli().run("lease", "keep-alive", "1234", "--once"), 5, "lease 0000000000001234 expired or revoked");
        assertCleanError(cli().run("lease", "revoke"), 128, "ID");
    }

    private static JsonNode json(Cli.Result r) {
        assertOk(r);
        assertThat(r.out().strip()).as("one document on one line in\n%s", r).doesNotContain("\n");
        return parse(r.out());
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    private static java.util.Set<String> fieldNames(JsonNode n) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
