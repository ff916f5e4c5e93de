package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcdctl's global flags that gooetcd lacked (issue #15, item 5), each compared with what
 * etcdctl 3.4.23 does with the same flag on the same server.
 */
class EtcdctlFlagsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    @Test
    void keepaliveFlagsAreAcceptedAsInEtcdctl(TestPrefix p) throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        String theirs = etcd.etcdctl("--keepalive-time", "2s", "--keepalive-timeout", "6s", "get", k).assertOk().stdout();
        Cli.Result ours = cli().run("--keepalive-time", "2s", "--keepalive-timeout", "6s", "get", k);
        assertThat(ours.exitCode()).as(ours.toString()).isZero();
        assertThat(ours.out()).as(ours.toString()).isEqualTo(theirs);
        Cli.Result after = cli().run("get", k, "--keepalive-time=1m30s", "--keepalive-timeout=500ms");
        assertThat(after.exitCode()).as("after the command name too: " + after).isZero();
        Cli.Result env = cli().env("ETCDCTL_KEEPALIVE_TIME", "2s").env("GOOETCD_KEEPALIVE_TIMEOUT", "6s").run("get", k);
        assertThat(env.exitCode()).as(env.toString()).isZero();
    }

    @Test
    void aBadKeepaliveDurationIsRefusedLikeABadDialTimeout() {
        Cli.Result dial = cli().run("--dial-timeout", "soon", "get", "k");
        Cli.Result time = cli().run("--keepalive-time", "soon", "get", "k");
        Cli.Result timeout = cli().run("--keepalive-timeout", "0s", "get", "k");
        assertThat(time.exitCode()).as(time.toString()).isEqualTo(dial.exitCode()).isNotZero();
        assertThat(time.err()).as(time.toString()).contains("--keepalive-time");
        assertThat(timeout.exitCode()).as(timeout.toString()).isEqualTo(dial.exitCode());
        Cli.Result env = cli().env("ETCDCTL_KEEPALIVE_TIME", "soon").run("get", "k");
        assertThat(env.exitCode()).as(env.toString()).isEqualTo(3);
        assertThat(env.err()).as(env.toString()).contains("ETCDCTL_KEEPALIVE_TIME");
    }
}
