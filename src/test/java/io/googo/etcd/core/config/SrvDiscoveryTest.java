package io.googo.etcd.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SRV-to-endpoint logic of {@code --discovery-srv} through its lookup seam (no DNS here). */
class SrvDiscoveryTest {
    private static final Duration T = Duration.ofSeconds(2);

    private static SrvDiscovery.SrvLookup table(Map<String, List<SrvDiscovery.SrvRecord>> records, List<String> asked) {
        return (name, timeout) -> {
            asked.add(name);
            List<SrvDiscovery.SrvRecord> r = records.get(name);
            if (r == null) {
                throw new IOException("no such host");
            }
            return r;
        };
    }

    @Test
    void httpsAndHttpRecordsBecomeEndpoints() {
        List<String> asked = new ArrayList<>();
        var lookup = table(
                Map.of(
                        "_etcd-client-ssl._tcp.example.com",
                        List.of(new SrvDiscovery.SrvRecord("a.example.com.", 2379)),
                        "_etcd-client._tcp.example.com",
                        List.of(new SrvDiscovery.SrvRecord("b.example.com.", 2380))),
                asked);
        assertThat(SrvDiscovery.endpoints(lookup, "example.com", null, true, T))
                .containsExactly("https://a.example.com:2379", "http://b.example.com:2380");
        assertThat(asked).containsExactly("_etcd-client-ssl._tcp.example.com", "_etcd-client._tcp.example.com");
    }

    @Test
    void serviceNameIsASuffix() {
        List<String> asked = new ArrayList<>();
        var lookup = table(
                Map.of("_etcd-client-prod._tcp.example.com", List.of(new SrvDiscovery.SrvRecord("c.example.com", 1))),
                asked);
        assertThat(SrvDiscovery.endpoints(lookup, "example.com.", "prod", true, T))
                .containsExactly("http://c.example.com:1");
        assertThat(asked)
                .containsExactly("_etcd-client-ssl-prod._tcp.example.com", "_etcd-client-prod._tcp.example.com");
    }

    @Test
    void withoutInsecureDiscoveryHttpIsDropped() {
        var lookup = table(
                Map.of(
                        "_etcd-client-ssl._tcp.d",
                        List.of(new SrvDiscovery.SrvRecord("a", 1)),
                        "_etcd-client._tcp.d",
                        List.of(new SrvDiscovery.SrvRecord("b", 2))),
                new ArrayList<>());
        assertThat(SrvDiscovery.endpoints(lookup, "d", "", false, T)).containsExactly("https://a:1");
    }

    @Test
    void oneFailedLookupIsEnoughBothFailedIsAConnectionError() {
        var onlyHttp =
                table(Map.of("_etcd-client._tcp.d", List.of(new SrvDiscovery.SrvRecord("b", 2))), new ArrayList<>());
        assertThat(SrvDiscovery.endpoints(onlyHttp, "d", null, true, T)).containsExactly("http://b:2");

        var none = table(Map.of(), new ArrayList<>());
        assertThatThrownBy(() -> SrvDiscovery.endpoints(none, "d", null, true, T))
                .isInstanceOf(EtcdException.class)
                .satisfies(e -> assertThat(((EtcdException) e).kind()).isEqualTo(ErrorKind.CONNECTION))
                .hasMessageContaining("_etcd-client-ssl._tcp.d")
                .hasMessageContaining("_etcd-client._tcp.d")
                .hasMessageNotContaining("\n");
    }

    @Test
    void jndiLookupAgainstADeadServerFailsWithinItsDeadline() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var lookup = new JndiSrvLookup("dns://127.0.0.1:" + port);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> lookup.lookup("_etcd-client._tcp.example.invalid", Duration.ofMillis(500)))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }
}
