package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connect phase excuses the run-queue delay of the threads that do a connection's work: the
 * key-value transport's event loop must be among them, or a busy machine turns into "cannot
 * connect" for every get, put, del and txn.
 */
class ConnectPhaseThreadsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @Test
    void theKeyValueLoopIsCountedAsAConnectionThread(TestPrefix prefix) throws Exception {
        try (EtcdClient c = EtcdClient.create(
                "threads",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())) {
            c.put(prefix.key("k"), "v");
            List<String> counted = ConnectPhase.runDelays().keySet().stream()
                    .map(ConnectPhaseThreadsTest::comm)
                    .toList();
            assertThat(counted)
                    .as("the threads whose run-queue delay the connect phase counts")
                    .anyMatch(n -> n.startsWith("grpc-kv"));
        }
    }

    /**
     * The calling thread starts the channel (gRPC builds its resolver, balancer and transport on it):
     * on a starved machine it waits seconds for a CPU before the first byte goes out (20 puts at once,
     * load average 30: 12 s of a 5 s budget were gone before the first look at the channel).
     */
    @Test
    void theCallingThreadIsCounted() throws Exception {
        long self = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self"))
                .getFileName()
                .toString());
        assertThat(ConnectPhase.runDelays())
                .as("the threads whose run-queue delay the connect phase counts")
                .containsKey(self);
    }

    private static String comm(long tid) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
