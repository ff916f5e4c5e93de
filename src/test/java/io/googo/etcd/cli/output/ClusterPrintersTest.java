package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.cluster.AlarmInfo;
import io.googo.etcd.core.cluster.AlarmList;
import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.cluster.MemberAdded;
import io.googo.etcd.core.cluster.MemberChanged;
import io.googo.etcd.core.cluster.MemberInfo;
import io.googo.etcd.core.kv.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster printers against etcdctl 3.4's output, and the numbers they format as Go does. */
class ClusterPrintersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Header HEADER = new Header(0x5df07c23830f5eceL, 0xdb4470c9ef363739L, 0, 2);
    static final MemberInfo A = new MemberInfo(
            0x2b6d7f19fe480be8L, "a", List.of("http://127.0.0.1:32380"), List.of("http://127.0.0.1:32370"), false);
    static final MemberInfo NEW =
            new MemberInfo(0x5f53f395cbf324dL, "", List.of("http://127.0.0.1:32384"), List.of(), true);
    static final EndpointStatus UP = new EndpointStatus(
            "http://127.0.0.1:32370",
            new Header(0x5df07c23830f5eceL, 0x2b6d7f19fe480be8L, 1, 2),
            "3.4.23",
            20480,
            16384,
            0x2b6d7f19fe480be8L,
            false,
            8,
            2,
            8,
            List.of(),
            Duration.ofMillis(3),
            null,
            null);
    static final EndpointStatus DOWN = new EndpointStatus(
            "http://127.0.0.1:32372",
            Header.EMPTY,
            "",
            0,
            0,
            0,
            false,
            0,
            0,
            0,
            List.of(),
            Duration.ZERO,
            "status: cannot reach http://127.0.0.1:32372: Connection refused",
            null);

    static String print(OutputFormat f, Consumer<Printer> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printer p = Printers.of(f, out);
        body.accept(p);
        p.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|0 B",
                "9|9 B",
                "10|10 B",
                "999|999 B",
                "1000|1.0 kB",
                "20480|20 kB",
                "20500|20 kB",
                "21500|22 kB",
                "1500000|1.5 MB",
                "999999|1000 kB",
                "4294967296|4.3 GB"
            })
    void bytesAsGoHumanizeWritesThem(long n, String expected) {
        assertThat(Humanize.bytes(n)).isEqualTo(expected);
    }

    @Test
    void memberAddAndRemoveAsEtcdctl() {
        MemberAdded added = new MemberAdded(HEADER, NEW, List.of(NEW, A));
        assertThat(print(OutputFormat.SIMPLE, p -> p.memberAdd("e", added))).isEqualTo("""
                Member  5f53f395cbf324d added to cluster 5df07c23830f5ece

                ETCD_NAME="e"
                ETCD_INITIAL_CLUSTER="e=http://127.0.0.1:32384,a=http://127.0.0.1:32380"
                ETCD_INITIAL_ADVERTISE_PEER_URLS="http://127.0.0.1:32384"
                ETCD_INITIAL_CLUSTER_STATE="existing"
                """);
        MemberChanged removed = new MemberChanged(MemberChanged.Change.REMOVED, NEW.id(), HEADER, List.of(A));
        assertThat(print(OutputFormat.SIMPLE, p -> p.memberChanged(removed)))
                .isEqualTo("Member  5f53f395cbf324d removed from cluster 5df07c23830f5ece\n");
        assertThat(print(OutputFormat.ETCDCTL_JSON, p -> p.memberAdd("e", added)))
                .isEqualTo(
                        "{\"header\":{\"cluster_id\":6769046731902377678,\"member_id\":15799877405326587705,\"raft_term\":2},"
                                + "\"member\":{\"ID\":429318855085470285,\"peerURLs\":[\"http://127.0.0.1:32384\"],\"isLearner\":true},"
                                + "\"members\":[{\"ID\":429318855085470285,\"peerURLs\":[\"http://127.0.0.1:32384\"],\"isLearner\":true},"
                                + "{\"ID\":3129297065709407208,\"name\":\"a\",\"peerURLs\":[\"http://127.0.0.1:32380\"],"
                                + "\"clientURLs\":[\"http://127.0.0.1:32370\"]}]}\n");
    }

    @Test
    void endpointStatusKeepsADeadEndpointAsARow() throws Exception {
        assertThat(print(OutputFormat.SIMPLE, p -> p.endpointStatus(List.of(UP, DOWN))))
                .isEqualTo("""
                http://127.0.0.1:32370, 2b6d7f19fe480be8, 3.4.23, 20 kB, true, false, 2, 8, 8, \n\
                http://127.0.0.1:32372, , , , , , , , , status: cannot reach http://127.0.0.1:32372: Connection refused
                """);
        assertThat(JSON.readTree(print(OutputFormat.JSON, p -> p.endpointStatus(List.of(UP, DOWN)))))
                .isEqualTo(JSON.readTree("""
                [{"Endpoint":"http://127.0.0.1:32370","Status":{"header":{"cluster_id":"5df07c23830f5ece",
                  "member_id":"2b6d7f19fe480be8","revision":1,"raft_term":2},"version":"3.4.23","dbSize":20480,
                  "leader":"2b6d7f19fe480be8","raftIndex":8,"raftTerm":2,"raftAppliedIndex":8,"errors":[],
                  "dbSizeInUse":16384,"isLearner":false},"Error":null},
                 {"Endpoint":"http://127.0.0.1:32372","Status":null,
                  "Error":"status: cannot reach http://127.0.0.1:32372: Connection refused"}]"""));
        assertThat(print(OutputFormat.ETCDCTL_JSON, p -> p.endpointStatus(List.of(UP, DOWN))))
                .doesNotContain("32372")
                .contains("\"leader\":3129297065709407208");
        String table = print(OutputFormat.TABLE, p -> p.endpointStatus(List.of(UP, DOWN)));
        assertThat(table.lines().toList().get(1).replaceAll(" +", " "))
                .isEqualTo("| ENDPOINT | ID | VERSION | DB SIZE "
                        + "| IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |");
        assertThat(print(OutputFormat.FIELDS, p -> p.endpointStatus(List.of(UP))))
                .isEqualTo("""
                "ClusterID" : 6769046731902377678
                "MemberID" : 3129297065709407208
                "Revision" : 1
                "RaftTerm" : 2
                "Version" : "3.4.23"
                "DBSize" : 20480
                "Leader" : 3129297065709407208
                "IsLearner" : false
                "RaftIndex" : 8
                "RaftTerm" : 2
                "RaftAppliedIndex" : 8
                "Errors" : []
                "Endpoint" : "http://127.0.0.1:32370"

                """);
    }

    @Test
    void healthHashAndAlarmsAsEtcdctl() {
        List<EndpointHealth> health = List.of(
                new EndpointHealth("http://127.0.0.1:32370", true, Duration.ofNanos(2_711_586), null),
                new EndpointHealth(
                        "http://127.0.0.1:32372", false, Duration.ofSeconds(5), "context deadline exceeded"));
        assertThat(print(OutputFormat.SIMPLE, p -> p.endpointHealth(health))).isEqualTo("""
                http://127.0.0.1:32370 is healthy: successfully committed proposal: took = 2.711586ms
                http://127.0.0.1:32372 is unhealthy: failed to commit proposal: context deadline exceeded
                """);
        assertThat(print(OutputFormat.ETCDCTL_JSON, p -> p.endpointHealth(health)))
                .isEqualTo("[{\"endpoint\":\"http://127.0.0.1:32370\",\"health\":true,\"took\":\"2.711586ms\"},"
                        + "{\"endpoint\":\"http://127.0.0.1:32372\",\"health\":false,\"took\":\"5s\","
                        + "\"error\":\"context deadline exceeded\"}]\n");
        List<EndpointHash> hashes = List.of(new EndpointHash("http://127.0.0.1:32370", HEADER, 1084519789L, -1, null));
        assertThat(print(OutputFormat.SIMPLE, p -> p.endpointHashKv(hashes)))
                .isEqualTo("http://127.0.0.1:32370, 1084519789\n");
        AlarmList alarms = new AlarmList(Header.EMPTY, List.of(new AlarmInfo(3336683014724327862L, "NOSPACE")));
        assertThat(print(OutputFormat.SIMPLE, p -> p.alarms(alarms, false)))
                .isEqualTo("memberID:3336683014724327862 alarm:NOSPACE \n");
        assertThat(print(OutputFormat.ETCDCTL_JSON, p -> p.alarms(alarms, false)))
                .isEqualTo("{\"alarms\":[{\"memberID\":3336683014724327862,\"alarm\":1}]}\n");
    }
}
