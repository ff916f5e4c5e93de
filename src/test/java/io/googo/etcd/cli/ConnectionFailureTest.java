package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit 2 (cannot reach the cluster) within the timeouts asked for, with one line naming the endpoint. */
class ConnectionFailureTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @Test
    void refusedEndpointExits2WithinTheDialTimeout() {
        String endpoint = SilentServer.closedEndpoint();
        long start = System.nanoTime();
        Cli.Result r = Cli.at(endpoint).run("get", "k", "--dial-timeout", "1s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertCleanError(r, 2, endpoint, "cannot reach", "refused");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(took).as("wall time of\n%s", r).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void hungServerExits2WithinTheTimeouts() {
        try (SilentServer hung = new SilentServer()) {
            long start = System.nanoTime();
            Cli.Result r =
                    Cli.at(hung.endpoint()).run("put", "k", "v", "--dial-timeout", "1s", "--command-timeout", "1s");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertCleanError(r, 2, hung.endpoint(), "no answer within 1s (command timeout; dial timeout 1s)");
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(took)
                    .as("wall time of\n%s", r)
                    .isLessThan(Duration.ofMillis(2500).plus(excused(r)));
            assertThat(hung.connections())
                    .as("the client did reach the silent server")
                    .isPositive();
        }
    }

    /** The message names the timeout that ran out: here the command timeout, not the (shorter) dial timeout. */
    @Test
    void hungServerMessageNamesTheTimeoutThatRanOut() {
        try (SilentServer hung = new SilentServer()) {
            long start = System.nanoTime();
            Cli.Result r =
                    Cli.at(hung.endpoint()).run("get", "k", "--dial-timeout", "300ms", "--command-timeout", "1500ms");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertCleanError(r, 2, hung.endpoint(), "no answer within 1.5s (command timeout; dial timeout 300ms)");
            assertThat(took)
                    .as("wall time of\n%s", r)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1400))
                    .isLessThan(Duration.ofMillis(3000).plus(excused(r)));
        }
    }

    @Test
    void pausedEtcdExits2WithinTheTimeouts(TestPrefix prefix) {
        etcd.process().pause(); // resumed by the extension after the test
        long start = System.nanoTime();
        Cli.Result r = Cli.at(etcd.clientUrl())
                .run("put", prefix.key("k"), "v", "--dial-timeout", "1s", "--command-timeout", "1s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        etcd.process().resume();

        assertCleanError(r, 2, etcd.clientUrl());
        assertThat(took)
                .as("wall time of\n%s", r)
                .isLessThan(Duration.ofMillis(2500).plus(excused(r)));
        assertThat(etcd.etcdctl("get", prefix.key("k"), "--print-value-only")
                        .assertOk()
                        .out())
                .as("a put that failed with exit 2 must not have been applied after the resume")
                .isEmpty();
    }

    /** A client that has talked to the server and then meets a wedged server: TIMEOUT naming the command timeout. */
    @Test
    void connectedClientTimesOutOnAPausedServer(TestPrefix prefix) {
        EtcdConfig config = EtcdConfig.builder()
                .endpoints(etcd.clientUrl())
                .dialTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
        try (EtcdClient client = EtcdClient.create("paused", config)) {
            client.put(prefix.key("k"), "v1");
            etcd.process().pause();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> client.getValue(prefix.key("k")))
                        .isInstanceOfSatisfying(EtcdException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                            assertThat(e.getMessage())
                                    .contains(etcd.clientUrl())
                                    .contains("1s")
                                    .contains("command timeout")
                                    .doesNotContain("\n");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            } finally {
                etcd.process().resume();
            }
            assertThat(client.getValue(prefix.key("k")))
                    .as("the same client works again after the resume")
                    .isEqualTo("v1");
        }
    }

    @Test
    void aDeadEndpointInTheListIsSkipped(TestPrefix prefix) {
        String endpoints = SilentServer.closedEndpoint() + "," + etcd.clientUrl();
        Cli.Result put = Cli.at(endpoints).run("put", prefix.key("k"), "v", "--dial-timeout", "2s");
        assertOk(put);
        assertThat(put.out()).as(put.toString()).isEqualTo("OK\n");
        assertThat(etcd.etcdctl("get", prefix.key("k"), "--print-value-only")
                        .assertOk()
                        .out())
                .isEqualTo("v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5", "0", "-1s", "1 s", ""})
    void badTimeoutFlagIsAUsageError(String value) {
        for (String flag : new String[] {"--command-timeout", "--dial-timeout"}) {
            Cli.Result r = Cli.at(SilentServer.closedEndpoint()).run("get", "k", flag, value);
            String error = assertCleanError(r, 128, flag);
            assertThat(error).as(r.toString()).contains("'" + value + "'");
            assertThat(r.out()).as(r.toString()).isEmpty();
        }
    }

    /**
     * The time the error says was not counted (this process, or the local server, waiting for a CPU):
     * on a busy machine the wait for a hung server is longer by that much, by design (ConnectPhase).
     */
    private static Duration excused(Cli.Result r) {
        Matcher m = Pattern.compile("not counting (\\S+) ").matcher(r.err());
        return m.find() ? Durations.parse(m.group(1), "excused time") : Duration.ZERO;
    }
}
