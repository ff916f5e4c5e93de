package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static io.googo.etcd.cli.CliAssertions.healthLines;
import static io.googo.etcd.cli.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdClusterExtension;
import io.googo.etcd.testkit.EtcdProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gooetcd endpoint status|health|hashkv}, {@code version} and {@code move-leader} on a 3-member cluster. */
class EndpointCommandTest {
    @RegisterExtension
    static final EtcdClusterExtension ext = EtcdClusterExtension.builder().build();

    private static Cli cli(EtcdCluster cluster) {
        return Cli.at(cluster.clientUrls()).global("--dial-timeout", "500ms", "--command-timeout", "3s");
    }

    private static String hexId(EtcdProcess m) {
        return Long.toHexString(Long.parseUnsignedLong(m.status().memberId()));
    }

    private static List<String> cells(String tableLine) {
        List<String> out = new ArrayList<>();
        for (String c : tableLine.split("\\|", -1)) {
            out.add(c.trim());
        }
        return out.subList(1, out.size() - 1);
    }

    @Test
    void statusHealthAndHashOfEveryEndpointInEveryFormat(EtcdCluster cluster) throws Exception {
        Cli cli = cli(cluster);
        String leader = hexId(cluster.leader());

        Cli.Result status = cli.run("endpoint", "status");
        assertOk(status);
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EtcdProcess m = cluster.member(i);
            String[] f = lines.get(i).split(", ", -1);
            assertThat(f).as(lines.get(i)).hasSize(10);
            assertThat(f[0]).isEqualTo(m.clientUrl());
            assertThat(f[1]).isEqualTo(hexId(m));
            assertThat(f[2]).isEqualTo(m.status().version());
            assertThat(f[3]).matches("\\d+(\\.\\d)? [kMG]?B");
            assertThat(f[4]).isEqualTo(Boolean.toString(f[1].equals(leader)));
            assertThat(f[5]).isEqualTo("false");
            assertThat(f[9]).isEmpty();
        }

        Cli.Result table = cli.run("endpoint", "status", "-w", "table");
        assertOk(table);
        List<String> rows = table.out().lines().filter(l -> l.startsWith("|")).toList();
        assertThat(cells(rows.get(0)))
                .containsExactly(
                        "ENDPOINT",
                        "ID",
                        "VERSION",
                        "DB SIZE",
                        "IS LEADER",
                        "IS LEARNER",
                        "RAFT TERM",
                        "RAFT INDEX",
                        "RAFT APPLIED INDEX",
                        "ERRORS");
        assertThat(rows).hasSize(4);
        assertThat(cells(rows.get(1)).subList(0, 2))
                .containsExactly(cluster.member(0).clientUrl(), hexId(cluster.member(0)));

        JsonNode doc = json(cli.run("endpoint", "status", "-w", "json"));
        assertThat(doc).hasSize(3);
        for (JsonNode row : doc) {
            assertThat(row.path("Error").isNull()).as(row.toString()).isTrue();
            assertThat(row.path("Status").path("leader").asText()).isEqualTo(leader);
            assertThat(row.path("Status").path("header").path("member_id").asText())
                    .matches("[0-9a-f]+");
        }
        JsonNode ours = json(cli.run("endpoint", "status", "-w", "etcdctl-json"));
        JsonNode theirs = json(
                cluster.etcdctl("endpoint", "status", "-w", "json").assertOk().stdout());
        for (int i = 0; i < 3; i++) {
            assertThat(ours.get(i).path("Endpoint").asText())
                    .isEqualTo(theirs.get(i).path("Endpoint").asText());
            JsonNode a = ours.get(i).path("Status");
            JsonNode b = theirs.get(i).path("Status");
            assertThat(fieldNames(a)).isEqualTo(fieldNames(b));
            for (String f : List.of("version", "dbSize", "leader")) {
                assertThat(a.path(f)).as(f).isEqualTo(b.path(f));
            }
            assertThat(a.path("header").path("member_id"))
                    .isEqualTo(b.path("header").path("member_id"));
        }
        Cli.Result fields = cli.run("endpoint", "status", "-w", "fields");
        assertOk(fields);
        assertThat(fields.out())
                .contains(
                        "\"Endpoint\" : \"" + cluster.member(2).clientUrl() + "\"\n\n",
                        "\"Leader\" : " + Long.toUnsignedString(Long.parseUnsignedLong(leader, 16)) + "\n",
                        "\"Errors\" : []\n");

        Cli.Result health = healthLines(cli.run("endpoint", "health"));
        assertOk(health);
        assertThat(health.out().lines().toList())
                .hasSize(3)
                .allSatisfy(
                        l -> assertThat(l)
                                .matches(
                                        "http://127\\.0\\.0\\.1:\\d+ is healthy: successfully committed proposal: took = [\\d.]+[µm]?s"));
        JsonNode hj = json(cli.run("endpoint", "health", "-w", "json"));
        assertThat(hj).hasSize(3);
        assertThat(hj.get(0).path("health").asBoolean()).isTrue();
        assertThat(hj.get(0).path("error").isNull()).isTrue();
        List<String> hrows = cli.run("endpoint", "health", "-w", "table")
                .out()
                .lines()
                .filter(l -> l.startsWith("|"))
                .toList();
        assertThat(cells(hrows.get(0))).containsExactly("ENDPOINT", "HEALTH", "TOOK", "ERROR");
        assertThat(cli.run("endpoint", "health", "-w", "fields").out()).contains("\"Health\" : true\n");

        long rev = Long.parseLong(cluster.member(0)
                .etcdctl("put", "/ep/k", "v", "-w", "json")
                .assertOk()
                .stdout()
                .replaceAll("(?s).*\"revision\":(\\d+).*", "$1"));
        Cli.Result hash = cli.run("endpoint", "hashkv", "--rev", Long.toString(rev));
        assertOk(hash);
        JsonNode theirHash = json(cluster.etcdctl("endpoint", "hashkv", "--rev", Long.toString(rev), "-w", "json")
                .assertOk()
                .stdout());
        String expected = theirHash.get(0).path("HashKV").path("hash").asText();
        assertThat(hash.out().lines().toList())
                .containsExactly(
                        cluster.member(0).clientUrl() + ", " + expected,
                        cluster.member(1).clientUrl() + ", " + expected,
                        cluster.member(2).clientUrl() + ", " + expected);
        assertThat(json(cli.run("endpoint", "hashkv", "--rev", Long.toString(rev), "-w", "json"))
                        .get(1)
                        .path("HashKV")
                        .path("hash")
                        .asText())
                .isEqualTo(expected);

        // --cluster: every member from the member list, though only one endpoint is given
        Cli one = Cli.at(cluster.member(1).clientUrl());
        Cli.Result all = healthLines(one.run("endpoint", "health", "--cluster"));
        assertOk(all);
        assertThat(all.out().lines().map(l -> l.substring(0, l.indexOf(' '))).toList())
                .containsExactlyInAnyOrder(
                        cluster.member(0).clientUrl(),
                        cluster.member(1).clientUrl(),
                        cluster.member(2).clientUrl());
        assertThat(one.run("endpoint", "status", "--cluster", "-w", "json").out())
                .contains(cluster.member(2).clientUrl());
        assertThat(one.run("endpoint", "status").out().lines()).hasSize(1);
        assertThat(one.run("endpoint", "--cluster", "hashkv").out().lines())
                .as("etcdctl's flag order")
                .hasSize(3);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void aStoppedMemberIsARowWithItsErrorAndHealthExitsOne(EtcdCluster cluster) {
        Cli cli = cli(cluster);
        String dead = cluster.member(2).clientUrl();
        cluster.stop(2);

        Cli.Result status = cli.run("endpoint", "status");
        String error =
                assertCleanError(status, ExitCodes.ERROR, "endpoint status: 1 of 3 endpoints did not answer", dead);
        assertThat(error).contains("cannot reach");
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(cluster.member(0).clientUrl() + ", " + hexId(cluster.member(0)) + ", ");
        assertThat(lines.get(2)).startsWith(dead + ", , , , , , , , , ").contains("cannot reach " + dead);
        assertThat(cli.run("endpoint", "status", "-w", "table").out()).contains("| " + dead + " ");
        JsonNode doc = json(cli.run("endpoint", "status", "-w", "json"));
        assertThat(doc.get(2).path("Status").isNull()).isTrue();
        assertThat(doc.get(2).path("Error").asText()).contains(dead);
        assertThat(doc.get(0).path("Error").isNull()).isTrue();

        Cli.Result health = healthLines(cli.run("endpoint", "health"));
        assertCleanError(health, ExitCodes.ERROR, "unhealthy cluster", "1 of 3 endpoints unhealthy", dead);
        assertThat(health.out())
                .contains(
                        cluster.member(0).clientUrl() + " is healthy",
                        cluster.member(1).clientUrl() + " is healthy",
                        dead + " is unhealthy: failed to commit proposal: ");
        JsonNode hj = json(cli.run("endpoint", "health", "-w", "json"));
        assertThat(hj.get(2).path("health").asBoolean()).isFalse();
        assertThat(hj.get(2).path("error").asText()).contains(dead);

        Cli.Result hash = cli.run("endpoint", "hashkv");
        assertCleanError(hash, ExitCodes.ERROR, "endpoint hashkv", dead);
        assertThat(hash.out().lines().toList()).hasSize(3).last().asString().startsWith(dead + ", , ");

        // --cluster asks the stopped member too: the member list still names it
        Cli.Result all = Cli.at(cluster.member(0).clientUrl())
                .global("--dial-timeout", "500ms")
                .run("endpoint", "status", "--cluster");
        assertCleanError(all, ExitCodes.ERROR, dead);
        assertThat(all.out().lines()).hasSize(3);

        // etcd's strict reconfiguration check refuses a voting member while one is down: a server answer
        assertCleanError(
                cli.run("member", "add", "m9", "--peer-urls", "http://127.0.0.1:1"),
                ExitCodes.ERROR,
                "member add",
                "etcdserver: unhealthy cluster");
        assertThat(cluster.etcdctl("member", "list").assertOk().out().lines()).hasSize(3);

        Cli.Result version = cli.run("version");
        assertOk(version);
        assertThat(version.out())
                .contains(
                        "server version: " + cluster.member(0).status().version() + " ("
                                + cluster.member(0).clientUrl() + ")",
                        "server version: unknown (");
    }

    @Test
    void nothingAnswersIsExitTwo() {
        Cli cli = Cli.at("127.0.0.1:1,127.0.0.1:2").global("--dial-timeout", "500ms");
        assertCleanError(
                cli.run("endpoint", "status"),
                ExitCodes.CONNECTION,
                "2 of 2 endpoints did not answer",
                "127.0.0.1:1",
                "127.0.0.1:2");
        assertCleanError(healthLines(cli.run("endpoint", "health")), ExitCodes.ERROR, "unhealthy cluster");
        assertCleanError(cli.run("endpoint", "status", "--cluster"), ExitCodes.CONNECTION, "member list");
        assertCleanError(cli.run("endpoint", "status", "-w", "xml"), ExitCodes.UNSUPPORTED, "unknown output format");
        assertCleanError(cli.run("endpoint", "status", "-c", "nosuch"), ExitCodes.INVALID_INPUT, "nosuch");
    }

    @Test
    void moveLeaderHandsLeadershipToTheGivenMember(EtcdCluster cluster) {
        EtcdProcess leader = cluster.leader();
        EtcdProcess follower = cluster.followers().get(0);
        // asked through a follower alone: the leader is found through status and the member list
        Cli cli = Cli.at(follower.clientUrl());
        Cli.Result moved = cli.run("move-leader", hexId(follower));
        assertOk(moved);
        assertThat(moved.out())
                .isEqualTo("Leadership transferred from " + hexId(leader) + " to " + hexId(follower) + "\n");
        Await.until(Duration.ofSeconds(10), () -> cluster.leader() == follower, "the leader to be " + follower);

        assertCleanError(cli.run("move-leader", "1234"), ExitCodes.ERROR, "move-leader 1234", "bad leader transferee");
        assertCleanError(cli.run("move-leader", "nothex"), ExitCodes.USAGE, "'nothex' is not an ID");
    }
}
