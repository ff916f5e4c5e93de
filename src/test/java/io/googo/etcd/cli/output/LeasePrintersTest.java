package io.googo.etcd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The lease printers against golden output: etcdctl's text line for line, JSON compared as JSON. */
class LeasePrintersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Header HEADER = new Header(0xcdf818194e3a8c32L, 0x8e9e05c52164694dL, 42, 2);
    static final long ID = 0x694d77aa9e38260fL;
    static final String HEADER_JSON =
            "\"header\":{\"cluster_id\":\"cdf818194e3a8c32\",\"member_id\":\"8e9e05c52164694d\","
                    + "\"revision\":42,\"raft_term\":2}";
    static final String FLAT_HEADER = "\"cluster_id\":14841639068965178418,\"member_id\":10276657743932975437,"
            + "\"revision\":42,\"raft_term\":2";

    static String print(OutputFormat f, Consumer<Printer> what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printer p = Printers.of(f, out);
        what.accept(p);
        p.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertJson(String actual, String expected) throws Exception {
        assertThat(actual).endsWith("\n").doesNotContain("\n\n");
        assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(expected));
    }

    static LeaseTimeToLive ttl(List<byte[]> keys) {
        return new LeaseTimeToLive(HEADER, ID, 59, 60, keys);
    }

    @Test
    void simpleIsEtcdctlsText() {
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseGrant(new LeaseGrant(HEADER, ID, 60))))
                .isEqualTo("lease 694d77aa9e38260f granted with TTL(60s)\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseRevoke(new LeaseRevoke(HEADER, ID))))
                .isEqualTo("lease 694d77aa9e38260f revoked\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseTimeToLive(ttl(null))))
                .isEqualTo("lease 694d77aa9e38260f granted with TTL(60s), remaining(59s)\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseTimeToLive(ttl(List.of("foo".getBytes(), "bar".getBytes())))))
                .isEqualTo("lease 694d77aa9e38260f granted with TTL(60s), remaining(59s), attached keys([foo bar])\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseTimeToLive(new LeaseTimeToLive(HEADER, 0x1234, -1, 0, null))))
                .isEqualTo("lease 0000000000001234 already expired\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseList(new LeaseList(HEADER, List.of(ID, 0x10L)))))
                .isEqualTo("found 2 leases\n694d77aa9e38260f\n0000000000000010\n");
        assertThat(print(OutputFormat.SIMPLE, p -> p.leaseKeepAlive(new LeaseRenewal(HEADER, ID, 60))))
                .isEqualTo("lease 694d77aa9e38260f keepalived with TTL(60)\n");
    }

    @Test
    void jsonHasAHeaderObjectAndHexIds() throws Exception {
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseGrant(new LeaseGrant(HEADER, ID, 60))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\",\"ttl\":60}");
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseRevoke(new LeaseRevoke(HEADER, ID))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\"}");
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseTimeToLive(ttl(null))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\",\"ttl\":59,\"granted_ttl\":60,\"keys\":null}");
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseTimeToLive(ttl(List.of("foo".getBytes())))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\",\"ttl\":59,\"granted_ttl\":60,\"keys\":[\"foo\"]}");
        assertJson(
                print(
                        OutputFormat.JSON,
                        p -> p.leaseTimeToLive(ttl(List.of("foo".getBytes(), new byte[] {(byte) 0xff})))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\",\"ttl\":59,\"granted_ttl\":60,"
                        + "\"keys_base64\":[\"Zm9v\",\"/w==\"]}");
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseList(new LeaseList(HEADER, List.of(ID)))),
                "{" + HEADER_JSON + ",\"leases\":[{\"id\":\"694d77aa9e38260f\"}]}");
        assertJson(
                print(OutputFormat.JSON, p -> p.leaseKeepAlive(new LeaseRenewal(HEADER, ID, 60))),
                "{" + HEADER_JSON + ",\"id\":\"694d77aa9e38260f\",\"ttl\":60}");
    }

    @Test
    void etcdctlJsonIsWhatEtcdctlPrints() throws Exception {
        long id = 4111120141602457861L;
        assertJson(
                print(OutputFormat.ETCDCTL_JSON, p -> p.leaseGrant(new LeaseGrant(HEADER, id, 60))),
                "{" + FLAT_HEADER + ",\"ID\":" + id + ",\"TTL\":60,\"Error\":\"\"}");
        assertJson(
                print(OutputFormat.ETCDCTL_JSON, p -> p.leaseRevoke(new LeaseRevoke(HEADER, id))),
                "{\"header\":{" + FLAT_HEADER + "}}");
        assertJson(
                print(
                        OutputFormat.ETCDCTL_JSON,
                        p -> p.leaseTimeToLive(new LeaseTimeToLive(HEADER, id, 59, 60, List.of("foo".getBytes())))),
                "{" + FLAT_HEADER + ",\"id\":" + id + ",\"ttl\":59,\"granted-ttl\":60,\"keys\":[\"Zm9v\"]}");
        assertJson(
                print(OutputFormat.ETCDCTL_JSON, p -> p.leaseTimeToLive(new LeaseTimeToLive(HEADER, id, 59, 60, null))),
                "{" + FLAT_HEADER + ",\"id\":" + id + ",\"ttl\":59,\"granted-ttl\":60,\"keys\":null}");
        assertJson(
                print(OutputFormat.ETCDCTL_JSON, p -> p.leaseList(new LeaseList(HEADER, List.of(id)))),
                "{" + FLAT_HEADER + ",\"leases\":[{\"id\":" + id + "}]}");
        assertJson(
                print(OutputFormat.ETCDCTL_JSON, p -> p.leaseKeepAlive(new LeaseRenewal(HEADER, id, 60))),
                "{" + FLAT_HEADER + ",\"ID\":" + id + ",\"TTL\":60}");
    }

    @Test
    void fieldsAreEtcdctlsFields() {
        String header = "\"ClusterID\" : 14841639068965178418\n\"MemberID\" : 10276657743932975437\n"
                + "\"Revision\" : 42\n\"RaftTerm\" : 2\n";
        assertThat(print(OutputFormat.FIELDS, p -> p.leaseGrant(new LeaseGrant(HEADER, ID, 60))))
                .isEqualTo(header + "\"ID\" : 7587852521871779343\n\"TTL\" : 60\n");
        assertThat(print(OutputFormat.FIELDS, p -> p.leaseRevoke(new LeaseRevoke(HEADER, ID))))
                .isEqualTo(header);
        assertThat(print(OutputFormat.FIELDS, p -> p.leaseTimeToLive(ttl(List.of("foo".getBytes())))))
                .isEqualTo(header
                        + "\"ID\" : 7587852521871779343\n\"TTL\" : 59\n\"GrantedTTL\" : 60\n\"Key\" : \"foo\"\n");
        assertThat(print(OutputFormat.FIELDS, p -> p.leaseList(new LeaseList(HEADER, List.of(ID)))))
                .isEqualTo(header + "\"ID\" : 7587852521871779343\n");
    }

    @Test
    void onlyListHasATable() {
        assertThat(print(OutputFormat.TABLE, p -> p.leaseList(new LeaseList(HEADER, List.of(ID)))))
                .isEqualTo("+------------------+\n| ID               |\n+------------------+\n"
                        + "| 694d77aa9e38260f |\n+------------------+\n");
        assertThatThrownBy(() -> print(OutputFormat.TABLE, p -> p.leaseGrant(new LeaseGrant(HEADER, ID, 60))))
                .isInstanceOfSatisfying(
                        EtcdException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
    }
}
