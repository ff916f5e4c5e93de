package io.googo.etcd.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code endpoint health}'s "took" is the health read's, as etcdctl times it, not the connecting
 * (issue #15, item 8): through a proxy that holds each new connection for 1.5 s before passing it on.
 */
class HealthTookTest {
    private static final long HOLD_MS = 1500;

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @Test
    void tookDoesNotIncludeTheConnecting() throws Exception {
        URI target = URI.create(etcd.clientUrl());
        try (ServerSocket proxy = new ServerSocket()) {
            proxy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(
                    () -> {
                        while (!proxy.isClosed()) {
                            try {
                                Socket in = proxy.accept();
                                Thread.sleep(HOLD_MS);
                                Socket out = new Socket(target.getHost(), target.getPort());
                                pipe(in.getInputStream(), out.getOutputStream());
                                pipe(out.getInputStream(), in.getOutputStream());
                            } catch (IOException | InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "holding-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
            String endpoint = "http://127.0.0.1:" + proxy.getLocalPort();
            try (EtcdClient c = EtcdClient.create(
                    "took",
                    EtcdConfig.builder()
                            .endpoints(endpoint)
                            .dialTimeout(Duration.ofSeconds(5))
                            .requestTimeout(Duration.ofSeconds(5))
                            .build())) {
                long t0 = System.nanoTime();
                List<EndpointHealth> h = new ClusterAdmin(c).health(List.of(endpoint));
                Duration wall = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(h).as("%s", h).hasSize(1);
                assertThat(h.get(0).healthy()).as("%s", h).isTrue();
                assertThat(wall)
                        .as("the proxy held the connection: %s", h)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(HOLD_MS));
                assertThat(h.get(0).took())
                        .as("took of %s, the whole call %s", h, wall)
                        .isLessThan(Duration.ofMillis(HOLD_MS));
            }
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(
                () -> {
                    try (from;
                            to) {
                        from.transferTo(to);
                    } catch (IOException ignored) {
                        // one side closed
                    }
                },
                "holding-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }
}
