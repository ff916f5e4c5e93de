package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watches against an etcd with auth enabled: the stream carries the user's token, a watch the user
 * may not make ends with etcd's "permission denied", and a token the server no longer knows (etcd's
 * simple tokens die with the process) is renewed when the stream is opened again.
 */
class WatchAuthTest {
    private static final String PASSWORD = "alice-W4tch-pw";
    /** Alice may read and write every test prefix (/t-...), and nothing else. */
    private static final String ALICE_PREFIX = "/t-";

    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addAlice() {
        etcd.process().addUser("alice", PASSWORD, ALICE_PREFIX);
    }

    private static Cli alice() {
        return Cli.at(etcd.clientUrl()).env("GOOETCD_PASSWORD", PASSWORD).global("--user", "alice");
    }

    private static long revisionOfPut(String key, String value) {
        String fields =
                etcd.etcdctl("put", key, value, "-w", "fields").assertOk().out();
        return Long.parseLong(fields.lines()
                .filter(l -> l.startsWith("\"Revision\""))
                .findFirst()
                .orElseThrow()
                .replaceAll("[^0-9]", ""));
    }

    @Test
    void aUserWatchesWhatSheMayRead(TestPrefix p) {
        long rev = revisionOfPut(p.key("k"), "v");
        Cli.Result r = alice().run("watch", p.key("k"), "--rev", Long.toString(rev), "--max-events", "1");
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("PUT\n" + p.key("k") + "\nv\n");
    }

    @Test
    void aWatchOutsideHerPermissionsEndsWithPermissionDenied() {
        Cli.Result r = alice().run("watch", "/not-alices/k", "--max-events", "1");
        assertCleanError(r, 1, "watch /not-alices/k", "permission denied");
    }

    @Test
    void aTokenTheRestartedServerNoLongerKnowsIsRenewed(TestPrefix p) throws Exception {
        EtcdConfig config = EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .dialTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(5))
                .username("alice")
                .password(PASSWORD)
                .build();
        try (EtcdClient c = EtcdClient.create("alice", config);
                Watcher w = c.watch(
                        p.key("w/").getBytes(StandardCharsets.UTF_8),
                        WatchOptions.builder().prefix(true).build())) {
            revisionOfPut(p.key("w/1"), "before");
            WatchEvent before = w.poll(LONG);
            assertThat(before).as("the event before the restart").isNotNull();
            assertThat(before.kv().valueString()).isEqualTo("before");
            etcd.process().restart(); // simple tokens live in the server's memory: alice's is gone
            long after = revisionOfPut(p.key("w/2"), "after");
            WatchEvent next = w.poll(LONG);
            assertThat(next)
                    .as("the event after the restart (resumes: %d)", w.resumes())
                    .isNotNull();
            assertThat(next.kv().valueString()).isEqualTo("after");
            assertThat(next.revision()).isEqualTo(after);
            assertThat(w.resumes()).as("the stream broke and was opened again").isPositive();
        }
    }
}
