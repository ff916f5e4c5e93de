package io.googo.etcd.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared event loops (the key-value transport's and jetcd's Vert.x loop) can be stopped before
 * an exit (the JVM's exit waits up to 300 ms for a thread idle in native code, as a loop is), and a
 * client made afterwards starts a new one.
 */
class SharedEventLoopTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static EtcdClient client() {
        return EtcdClient.create(
                "loop",
                EtcdConfig.builder()
                        .endpoints(etcd.clientUrl())
                        .dialTimeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(30))
                        .build());
    }

    private static List<String> eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("vert.x-eventloop") || n.startsWith("grpc-kv"))
                .toList();
    }

    @Test
    void stoppingTheSharedLoopEndsItsThreadAndTheNextClientStartsAnother(TestPrefix prefix) {
        try (EtcdClient c = client()) {
            c.put(prefix.key("a"), "1"); // the key-value transport's loop
            c.ping(); // and jetcd's (a member list)
            assertThat(eventLoopThreads())
                    .as("a client's I/O runs on the shared loops")
                    .anyMatch(n -> n.startsWith("grpc-kv"))
                    .anyMatch(n -> n.startsWith("vert.x-eventloop"));
        }
        EtcdClient.stopSharedEventLoop();
        assertThat(eventLoopThreads())
                .as("no event-loop thread left to hold the JVM's exit")
                .isEmpty();
        try (EtcdClient c = client()) {
            c.put(prefix.key("b"), "2");
            assertThat(c.getValue(prefix.key("b"))).isEqualTo("2");
        }
    }
}
