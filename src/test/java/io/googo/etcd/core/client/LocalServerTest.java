package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connect phase excuses a local etcd's time without a CPU only if it finds that etcd: by the
 * port of a loopback endpoint, never a remote one, never this process. (That a paused etcd is still
 * refused in the command timeout: ConnectWaitTest.)
 */
@ExtendWith(EtcdExtension.class)
class LocalServerTest {

    @Test
    void aLocalEtcdIsFoundByItsClientPort(EtcdProcess etcd) {
        List<LocalServer> found = LocalServer.of(List.of("http://10.255.255.1:2379", etcd.clientUrl()));
        assertThat(found)
                .as("the processes listening on " + etcd.clientUrl())
                .extracting(LocalServer::pid)
                .containsExactly(etcd.pid());
        LocalServer.Sample sample = found.get(0).sample();
        assertThat(sample).as("a look at its threads").isNotNull();
        assertThat(sample.cpuNanos())
                .as("the CPU time etcd has had since it started")
                .isPositive();
    }

    @Test
    void onlyLoopbackEndpointsAreLookedFor() {
        assertThat(LocalServer.loopbackPort("127.0.0.1:23790")).isEqualTo(23790);
        assertThat(LocalServer.loopbackPort("https://localhost")).isEqualTo(2379);
        assertThat(LocalServer.loopbackPort("http://[::1]:2381")).isEqualTo(2381);
        assertThat(LocalServer.loopbackPort("http://127.1.2.3:2382")).isEqualTo(2382);
        assertThat(LocalServer.loopbackPort("http://10.0.0.1:2379")).isEqualTo(-1);
        // a name other than localhost is never looked up (no DNS in the connect phase's wait)
        assertThat(LocalServer.loopbackPort("http://etcd.example:2379")).isEqualTo(-1);
        assertThat(LocalServer.loopbackPort("http://1etcd.example:2379")).isEqualTo(-1);
    }

    @Test
    void aPausedEtcdHasNoRunnableThread(EtcdProcess etcd) throws Exception {
        LocalServer server = LocalServer.of(List.of(etcd.clientUrl())).get(0);
        etcd.pause(); // resumed by the extension after the test
        // its threads stop one by one: look until none is runnable, up to a generous ceiling
        List<LocalServer.Sample> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        LocalServer.Sample sample = server.sample();
        while (sample.runnable() && System.nanoTime() < deadline) {
            seen.add(sample);
            Thread.sleep(50);
            sample = server.sample();
        }
        etcd.resume();
        assertThat(sample.runnable())
                .as("a stopped etcd wants no CPU (not excused); looks before: " + seen)
                .isFalse();
    }

    @Test
    void aServerInThisProcessIsNotALocalServer() throws Exception {
        // its time without a CPU is this process's own, which the connect phase counts already
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LocalServer.of(List.of("127.0.0.1:" + s.getLocalPort()))).isEmpty();
        }
    }
}
