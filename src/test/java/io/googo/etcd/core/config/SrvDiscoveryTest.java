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

    /** A one-shot DNS server on a loopback UDP socket: answers the first query with one SRV record. */
    @Test
    void jndiLookupReadsAnSrvAnswer() throws Exception {
        try (java.net.DatagramSocket server =
                new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20_000);
            Thread t = new Thread(() -> {
                try {
                    byte[] buf = new byte[512];
                    java.net.DatagramPacket q = new java.net.DatagramPacket(buf, buf.length);
                    server.receive(q);
                    int end = 12;
                    while (buf[end] != 0) {
                        end += (buf[end] & 0xff) + 1;
                    }
                    end += 5; // the root label, type, class
                    java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
                    a.write(buf, 0, 2); // the query's id
                    a.write(new byte[] {(byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0});
                    a.write(buf, 12, end - 12); // the question
                    byte[] target = {4, 'n', 'o', 'd', 'e', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
                    a.write(new byte[] {(byte) 0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 60, 0, (byte) (6 + target.length)});
                    a.write(new byte[] {0, 10, 0, 5, 0x09, 0x4b}); // priority 10, weight 5, port 2379
                    a.write(target);
                    byte[] answer = a.toByteArray();
                    server.send(new java.net.DatagramPacket(answer, answer.length, q.getSocketAddress()));
                } catch (IOException ignored) {
                    // the lookup then fails and the test says so
                }
            });
            t.start();
            var lookup = new JndiSrvLookup("dns://127.0.0.1:" + server.getLocalPort());
            assertThat(lookup.lookup("_etcd-client._tcp.example", Duration.ofSeconds(10)))
                    .containsExactly(new SrvDiscovery.SrvRecord("node.example.", 2379));
            t.join(20_000);
        }
    }
}
