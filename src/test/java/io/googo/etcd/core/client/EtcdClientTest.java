package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The convenience calls of {@link EtcdClient}, checked against the server with etcdctl. */
class EtcdClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client;

    @BeforeAll
    static void connect() {
        client = EtcdClient.create("test", config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static EtcdConfig config() {
        return EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .dialTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static JsonNode etcdctlJson(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-w";
        all[args.length + 1] = "json";
        return JSON.readTree(etcd.etcdctl(all).assertOk().stdout());
    }

    private static String valueOf(String key) {
        return etcd.etcdctl("get", key, "--print-value-only").assertOk().out();
    }

    @Test
    void putWithTtlAttachesALeaseOfThatTtl(TestPrefix prefix) throws Exception {
        String key = prefix.key("ttl");
        client.putWithTtl(key, "v", Duration.ofSeconds(30));

        JsonNode kv = etcdctlJson("get", key).path("kvs").get(0);
        long lease = kv.path("lease").asLong();
        assertThat(lease).as("lease of %s", kv).isNotZero();
        assertThat(client.get(key).kvs().get(0).lease()).isEqualTo(lease);

        JsonNode ttl = etcdctlJson("lease", "timetolive", Long.toHexString(lease));
        assertThat(ttl.path("granted-ttl").asLong()).as(ttl.toString()).isEqualTo(30);
        assertThat(ttl.path("ttl").asLong()).as(ttl.toString()).isBetween(1L, 30L);
    }

    @Test
    void putWithTtlRefusesWhatEtcdCannotCount(TestPrefix prefix) {
        for (Duration bad : new Duration[] {Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ZERO}) {
            assertThatThrownBy(() -> client.putWithTtl(prefix.key("k"), "v", bad))
                    .isInstanceOfSatisfying(EtcdException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("whole number of seconds");
                    });
        }
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void putIfModRevision(TestPrefix prefix) {
        String key = prefix.key("cas");
        PutResult first = client.putIfModRevision(key, "v1", 0); // only if absent
        long rev1 = first.header().revision();
        assertThat(client.get(key).kvs().get(0).modRevision()).isEqualTo(rev1);

        assertThatThrownBy(() -> client.putIfModRevision(key, "again", 0))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION);
                    assertThat(e.getMessage())
                            .contains("mod_revision is " + rev1)
                            .contains("expected no key");
                });

        PutResult second = client.putIfModRevision(key, "v2", rev1);
        long rev2 = second.header().revision();
        assertThat(rev2).isGreaterThan(rev1);
        assertThat(valueOf(key)).isEqualTo("v2");

        assertThatThrownBy(() -> client.putIfModRevision(key, "stale", rev1))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION);
                    assertThat(e.getMessage())
                            .contains("condition not met")
                            .contains("mod_revision is " + rev2)
                            .contains("expected mod_revision " + rev1);
                });
        assertThat(valueOf(key)).as("a failed CAS writes nothing").isEqualTo("v2");

        assertThatThrownBy(() -> client.putIfModRevision(prefix.key("absent"), "v", 5))
                .isInstanceOfSatisfying(EtcdException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION);
                    assertThat(e.getMessage()).contains("the key does not exist");
                });
        assertThat(valueOf(prefix.key("absent"))).isEmpty();
    }

    @Test
    void getValue(TestPrefix prefix) {
        etcd.etcdctl("put", prefix.key("k"), "héllo wörld").assertOk();
        assertThat(client.getValue(prefix.key("k"))).isEqualTo("héllo wörld");
        assertThat(client.getValue(prefix.key("missing"))).isNull();
        Kv kv = client.get(prefix.key("k")).kvs().get(0);
        assertThat(kv.keyString()).isEqualTo(prefix.key("k"));
        assertThat(kv.version()).isEqualTo(1);
    }

    @Test
    void delete(TestPrefix prefix) {
        etcd.etcdctl("put", prefix.key("k"), "v").assertOk();
        DeleteResult r = client.delete(prefix.key("k"));
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(etcd.etcdctl("get", prefix.key("k")).assertOk().out()).isEmpty();
        assertThat(client.delete(prefix.key("k")).deleted()).isZero();
    }

    @Test
    void aClosedClientRefusesCalls(TestPrefix prefix) {
        EtcdClient c = EtcdClient.create("short-lived", config());
        c.put(prefix.key("k"), "v");
        c.close();
        c.close(); // twice is fine
        long start = System.nanoTime();
        for (Runnable call : new Runnable[] {
            () -> c.getValue(prefix.key("k")),
            () -> c.put(prefix.key("k"), "v2"),
            () -> c.delete(prefix.key("k")),
            c::ping
        }) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(EtcdException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INTERRUPTED);
                assertThat(e.getMessage()).contains("client 'short-lived' is closed");
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("refused without the network")
                .isLessThan(Duration.ofMillis(500));
        assertThat(valueOf(prefix.key("k"))).isEqualTo("v");
    }
}
