package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When connecting runs out of time, the message says what was waited for. */
@ExtendWith(EtcdExtension.class)
class ConnectWaitTest {

    @Test
    void aHungServerIsNamedAsAcceptingTcpButNotAnswering() {
        try (SilentServer hung = new SilentServer()) {
            Cli.Result r = Cli.at(hung.endpoint()).run("get", "k", "--dial-timeout", "1s", "--command-timeout", "1s");
            assertCleanError(
                    r,
                    2,
                    hung.endpoint(),
                    "no answer within 1s (command timeout; dial timeout 1s)",
                    "the TCP connection was accepted",
                    "HTTP/2");
        }
    }

    @Test
    void aPausedEtcdIsNamedAsAcceptingTcpButNotAnswering(EtcdProcess etcd, TestPrefix prefix) {
        etcd.pause(); // resumed by the extension after the test
        Cli.Result r = Cli.at(etcd.clientUrl())
                .run("put", prefix.key("k"), "v", "--dial-timeout", "1s", "--command-timeout", "1s");
        etcd.resume();
        assertCleanError(r, 2, etcd.clientUrl(), "the TCP connection was accepted");
    }

    @Test
    void nothingListeningIsStillARefusedConnection() {
        String endpoint = SilentServer.closedEndpoint();
        Cli.Result r = Cli.at(endpoint).run("get", "k", "--dial-timeout", "1s");
        assertCleanError(r, 2, endpoint, "cannot reach", "refused");
        assertThat(r.err()).as(r.toString()).doesNotContain("HTTP/2");
    }

    /** A command timeout shorter than Failsafe's retry delay (issue #15, item 8). */
    @Test
    void aNanosecondCommandTimeoutIsATimeoutNotAnInternalError(EtcdProcess etcd) {
        Cli.Result r = Cli.at(etcd.clientUrl()).run("get", "k", "--command-timeout", "1ns");
        assertThat(r.err())
                .as(r.toString())
                .doesNotContain("IllegalStateException")
                .doesNotContain("maxDuration");
        assertCleanError(r, 2, etcd.clientUrl(), "1ns");
    }
}
