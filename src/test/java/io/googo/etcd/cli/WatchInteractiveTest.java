package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gooetcd watch -i}: etcdctl's {@code watch …} and {@code progress} lines on stdin. The server
 * sends no periodic progress notifications here (its default interval is 10 minutes), so a
 * "progress notify" line can only be the answer to a {@code progress} line.
 */
class WatchInteractiveTest {
    private static final Duration T = Duration.ofSeconds(20);

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.builder().build();

    @Test
    void interactiveModeReadsWatchAndProgressLines(TestPrefix p) {
        try (EtcdClient client = EtcdClient.create(
                "test", EtcdConfig.builder().endpoints(ETCD.clientUrl()).build())) {
            long rev = client.put(p.key("a"), "1").header().revision();
            client.put(p.key("b"), "2");
            try (LiveCli w = LiveCli.start("watch", "-i", "--max-events", "4", "--endpoints", ETCD.clientUrl())) {
                w.writeLine("watch --rev " + rev + " " + p.key("a"));
                w.awaitOut(T, o -> o.contains("PUT\n" + p.key("a") + "\n1\n"), "the first watch's event");
                assertThat(w.out()).doesNotContain("progress notify");
                w.writeLine("nonsense");
                w.writeLine("watch --rev " + rev + " --prefix " + p.value() + " --no-put");
                w.writeLine("progress");
                w.awaitOut(T, o -> o.contains("progress notify: "), "the answer to 'progress'");
                w.writeLine("watch \"" + p.key("b") + "\" --rev=" + rev);
                w.awaitOut(T, o -> o.contains("PUT\n" + p.key("b") + "\n2\n"), "the third watch's event");
                w.closeStdin();
                client.delete(p.key("b"));
                assertThat(w.exitCode(T)).as(w.toString()).isZero();
                assertThat(w.err()).contains("invalid command 'nonsense'");
                // the delete reaches the second and the third watch
                assertThat(w.out().split("DELETE\n" + p.key("b") + "\n\n", -1))
                        .as(w.toString())
                        .hasSize(3);
            }
        }
    }

    @Test
    void endOfInputWithoutAWatchEndsAtOnce() {
        var r = Cli.at(ETCD.clientUrl()).stdin("progress\n").run("watch", "-i");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
    }
}
