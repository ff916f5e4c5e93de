package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static io.googo.etcd.cli.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdCluster;
import io.googo.etcd.testkit.EtcdClusterExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gooetcd member}: a fourth etcd joins a three-member cluster as a learner, is promoted,
 * moves its peer URL and is removed, and {@code member list} shows each step in every format.
 */
class MemberCommandTest {
    /** Without the strict reconfiguration check etcd takes a membership change at once, not 5s after a start. */
    @RegisterExtension
    static final EtcdClusterExtension ext = EtcdClusterExtension.builder()
            .extraArgs("--strict-reconfig-check=false")
            .build();

    private static final Pattern ADDED = Pattern.compile("Member +([0-9a-f]+) added to cluster +([0-9a-f]+)\n");

    private static Cli cli(EtcdCluster cluster) {
        return Cli.at(cluster.clientUrls());
    }

    /** Runs until it exits 0 (etcd refuses some changes for a moment: a learner catching up, the 5s rule). */
    private static Cli.Result eventually(Cli cli, String... args) {
        return Await.untilPresent(
                Duration.ofSeconds(20),
                () -> {
                    Cli.Result r = cli.run(args);
                    return r.exitCode() == 0 ? Optional.of(r) : Optional.empty();
                },
                "gooetcd " + String.join(" ", args) + " to succeed");
    }

    private static JsonNode memberById(JsonNode list, String hexId) {
        for (JsonNode m : list.path("members")) {
            if (m.path("ID").asText().equals(hexId)) {
                return m;
            }
        }
        return null;
    }

    private static String line(Cli.Result list, String hexId) {
        return list.out()
                .lines()
                .filter(l -> l.startsWith(hexId + ", "))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aLearnerJoinsIsPromotedMovesItsPeerUrlAndIsRemoved(EtcdCluster cluster) throws Exception {
        Cli cli = cli(cluster);
        int peerPort = FreePorts.next();
        String peerUrl = "http://127.0.0.1:" + peerPort;

        Cli.Result add = cli.run("member", "add", "m4", "--peer-urls", peerUrl, "--learner");
        assertOk(add);
        Matcher m = ADDED.matcher(add.out());
        assertThat(m.lookingAt()).as(add.toString()).isTrue();
        String id = m.group(1);
        String clusterId = m.group(2);
        try {
            joinPromoteUpdateRemove(cluster, cli, add, id, clusterId, peerUrl, peerPort);
        } finally {
            // leave the shared cluster with its three members, whatever failed
            if (cluster.etcdctl("member", "list").assertOk().out().contains(id)) {
                cluster.etcdctl("member", "remove", id);
            }
        }
    }

    private static void joinPromoteUpdateRemove(
            EtcdCluster cluster, Cli cli, Cli.Result add, String id, String clusterId, String peerUrl, int peerPort)
            throws Exception {
        assertThat(add.out())
                .as("%%16x as etcdctl: padded with spaces")
                .startsWith("Member " + String.format("%16s", id));
        String initialCluster = add.out()
                .lines()
                .filter(l -> l.startsWith("ETCD_INITIAL_CLUSTER="))
                .findFirst()
                .orElseThrow()
                .replaceAll("^ETCD_INITIAL_CLUSTER=\"|\"$", "");
        assertThat(add.out())
                .contains(
                        "\nETCD_NAME=\"m4\"\n",
                        "\nETCD_INITIAL_ADVERTISE_PEER_URLS=\"" + peerUrl + "\"\n",
                        "\nETCD_INITIAL_CLUSTER_STATE=\"existing\"\n");
        assertThat(initialCluster.split(","))
                .containsExactlyInAnyOrder(
                        "m4=" + peerUrl,
                        "m1=" + cluster.member(0).peerUrl(),
                        "m2=" + cluster.member(1).peerUrl(),
                        "m3=" + cluster.member(2).peerUrl());
        JsonNode etcdctlList =
                json(cluster.etcdctl("member", "list", "-w", "json").assertOk().stdout());
        assertThat(Long.toHexString(
                        etcdctlList.path("header").path("cluster_id").asLong()))
                .isEqualTo(clusterId);

        // unstarted learner, in every format
        assertThat(line(cli.run("member", "list"), id)).isEqualTo(id + ", unstarted, , " + peerUrl + ", , true");
        Cli.Result table = cli.run("member", "list", "-w", "table");
        assertOk(table);
        assertThat(table.out().lines().toList())
                .anySatisfy(l -> assertThat(l.replaceAll(" +", " "))
                        .isEqualTo("| ID | STATUS | NAME | PEER ADDRS | CLIENT ADDRS | IS LEARNER |"));
        assertThat(table.out().lines().toList())
                .anySatisfy(l -> assertThat(l.replaceAll(" +", " "))
                        .isEqualTo("| " + id + " | unstarted | | " + peerUrl + " | | true |"));
        JsonNode listed = memberById(json(cli.run("member", "list", "-w", "json")), id);
        assertThat(listed.toString())
                .isEqualTo("{\"ID\":\"" + id + "\",\"name\":\"\",\"peerURLs\":[\"" + peerUrl
                        + "\"],\"clientURLs\":[],\"isLearner\":true}");
        JsonNode ours = json(cli.run("member", "list", "-w", "etcdctl-json"));
        JsonNode theirs =
                json(cluster.etcdctl("member", "list", "-w", "json").assertOk().stdout());
        assertThat(sorted(ours.path("members"))).isEqualTo(sorted(theirs.path("members")));
        assertThat(cli.run("member", "list", "-w", "fields").out())
                .contains("\"ID\" : " + Long.toUnsignedString(Long.parseUnsignedLong(id, 16))
                        + "\n\"Name\" : \"\"\n\"PeerURL\" : \"" + peerUrl + "\"\n\"IsLearner\" : true\n\n");

        try (EtcdProcess m4 = EtcdProcess.builder()
                .name("m4")
                .peerPort(peerPort)
                .initialCluster(initialCluster)
                .extraArgs("--initial-cluster-state", "existing")
                .start()) {
            Await.until(
                    Duration.ofSeconds(10),
                    () -> (id + ", started, m4, " + peerUrl + ", " + m4.clientUrl() + ", true")
                            .equals(line(cli.run("member", "list"), id)),
                    "m4 to be listed as a started learner");

            Cli.Result promote = eventually(cli, "member", "promote", id);
            assertThat(promote.out())
                    .isEqualTo("Member " + String.format("%16s", id) + " promoted in cluster "
                            + String.format("%16s", clusterId) + "\n");
            assertThat(line(cli.run("member", "list"), id)).endsWith(", false");
            assertThat(memberById(json(cli.run("member", "list", "-w", "json")), id)
                            .path("isLearner")
                            .asBoolean())
                    .isFalse();

            String newPeerUrl = "http://127.0.0.1:" + FreePorts.next();
            Cli.Result update = cli.run("member", "update", id, "--peer-urls", newPeerUrl, "-w", "json");
            assertOk(update);
            assertThat(memberById(json(update), id).path("peerURLs").toString()).isEqualTo("[\"" + newPeerUrl + "\"]");
            assertThat(line(cli.run("member", "list"), id))
                    .isEqualTo(id + ", started, m4, " + newPeerUrl + ", " + m4.clientUrl() + ", false");
            assertThat(cli.run("member", "list", "-w", "table").out())
                    .contains(newPeerUrl)
                    .doesNotContain(peerUrl);

            Cli.Result remove = eventually(cli, "member", "remove", id);
            assertThat(remove.out())
                    .isEqualTo("Member " + String.format("%16s", id) + " removed from cluster "
                            + String.format("%16s", clusterId) + "\n");
        }
        assertThat(line(cli.run("member", "list"), id)).isNull();
        assertThat(cli.run("member", "list", "-w", "json").out()).doesNotContain(id);
        assertThat(cluster.etcdctl("member", "list").assertOk().out()).doesNotContain(id);
        assertThat(cli.run("member", "list").out().lines()).hasSize(3);
    }

    private static List<String> sorted(JsonNode members) {
        return java.util.stream.StreamSupport.stream(members.spliterator(), false)
                .map(JsonNode::toString)
                .sorted()
                .toList();
    }

    @Test
    void badInputIsOneLineAndTheRightExitCode(EtcdCluster cluster) {
        Cli cli = cli(cluster);
        assertCleanError(cli.run("member", "remove", "zz"), ExitCodes.USAGE, "'zz' is not an ID", "hex");
        assertCleanError(cli.run("member", "promote", "12345678901234567"), ExitCodes.USAGE, "is not an ID");
        assertCleanError(
                cli.run("member", "remove", "1234"), ExitCodes.ERROR, "member remove 1234", "member not found");
        assertCleanError(
                cli.run("member", "update", "1234", "--peer-urls", "http://127.0.0.1:1"),
                ExitCodes.ERROR,
                "member not found");
        assertCleanError(
                cli.run("member", "add", "x", "--peer-urls", "foo"),
                ExitCodes.USAGE,
                "peer URL 'foo'",
                "scheme must be http, https, unix or unixs");
        assertCleanError(
                cli.run("member", "add", "x", "--peer-urls", "http://127.0.0.1"),
                ExitCodes.USAGE,
                "scheme://host:port");
        assertCleanError(
                cli.run("member", "add", "x", "--peer-urls", "http://127.0.0.1:2380/path"),
                ExitCodes.USAGE,
                "nothing after the port");
        assertCleanError(cli.run("member", "add", "x"), ExitCodes.USAGE, "--peer-urls");
        assertCleanError(
                cli.run("member", "add", "x", "--peer-urls", "http://127.0.0.1:1", "-w", "table"),
                ExitCodes.UNSUPPORTED,
                "cannot print format 'table'");
        String leaderId = Long.toHexString(
                Long.parseUnsignedLong(cluster.leader().status().memberId()));
        assertCleanError(cli.run("member", "promote", leaderId), ExitCodes.ERROR, "can only promote a learner");
        assertThat(cli.run("member", "list").out().lines())
                .as("nothing changed")
                .hasSize(3);
    }
}
