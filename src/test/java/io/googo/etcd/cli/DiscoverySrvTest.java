package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --discovery-srv} through the CLI: a failed lookup. The SRV-to-endpoint rules and the JDK lookup of an
 * SRV answer are tested in SrvDiscoveryTest; the CLI finding a cluster through the system's resolvers is not.
 */
class DiscoverySrvTest {

    @Test
    void aFailedLookupIsOneErrorLineAndExitTwo() {
        // .invalid never resolves (RFC 6761); without DNS at all the lookup fails at its deadline
        Cli.Result r = Cli.bare().run("--discovery-srv", "gooetcd-test.invalid", "--dial-timeout", "2s", "get", "k");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Error: ")
                .contains("_etcd-client-ssl._tcp.gooetcd-test.invalid")
                .contains("_etcd-client._tcp.gooetcd-test.invalid")
                .doesNotContain("\tat ");
        assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    }

    @Test
    void theFlagIsInTheHelp() {
        Cli.Result r = Cli.bare().run("--help");
        assertThat(r.out() + r.err())
                .as(r.toString())
                .contains("--discovery-srv")
                .contains("--insecure-discovery");
    }
}
