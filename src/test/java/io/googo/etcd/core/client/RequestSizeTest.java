package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.core.txn.TxnOp;
import io.googo.etcd.core.txn.TxnRequest;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request over the client's max send size is refused before anything is sent, at once, as
 * invalid input naming both sizes: on a fresh client and on a connected one, for put and txn.
 */
class RequestSizeTest {
    private static final int MAX = 2 * 1024 * 1024;

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client() {
        return EtcdClient.create(
                "size",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(5))
                        .requestTimeout(Duration.ofSeconds(5))
                        .build());
    }

    private static byte[] value(int n) {
        byte[] v = new byte[n];
        Arrays.fill(v, (byte) 'a');
        return v;
    }

    private static void assertRefused(Throwable t, String what) {
        assertThat(t).isInstanceOf(EtcdException.class);
        EtcdException e = (EtcdException) t;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage())
                .as(what)
                .contains(String.valueOf(MAX))
                .containsPattern("\\b30000\\d\\d bytes")
                .contains("max send size");
    }

    @Test
    void aPutOverTheMaxSendSizeFailsAtOnceOnAFreshClient(TestPrefix prefix) {
        String key = prefix.key("big");
        try (EtcdClient c = client()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.put(key.getBytes(StandardCharsets.UTF_8), value(3_000_000), PutOptions.DEFAULT))
                    .satisfies(t -> assertRefused(t, "fresh client"));
            // the refusal does not wait for the dial or request timeout (5 s each)
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            // and the client still works
            c.put(key, "small");
            assertThat(c.getValue(key)).isEqualTo("small");
        }
        assertThat(etcd.etcdctl("get", key, "--print-value-only").assertOk().out())
                .isEqualTo("small");
    }

    @Test
    void aPutAndATxnOverTheMaxSendSizeFailAtOnceOnAConnectedClient(TestPrefix prefix) {
        String key = prefix.key("big");
        try (EtcdClient c = client()) {
            c.put(prefix.key("warm"), "up");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.put(key.getBytes(StandardCharsets.UTF_8), value(3_000_000), PutOptions.DEFAULT))
                    .satisfies(t -> assertRefused(t, "connected client, put"));
            TxnRequest txn = new TxnRequest(
                    List.of(),
                    List.of(
                            TxnOp.Put.of(key.getBytes(StandardCharsets.UTF_8), value(1_500_000)),
                            TxnOp.Put.of((key + "2").getBytes(StandardCharsets.UTF_8), value(1_500_000))),
                    List.of());
            assertThatThrownBy(() -> c.txn(txn)).satisfies(t -> assertRefused(t, "connected client, txn"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(etcd.etcdctl("get", key, "--prefix", "--keys-only", "-w", "json")
                        .assertOk()
                        .out())
                .as("nothing written")
                .doesNotContain("\"count\"");
    }
}
