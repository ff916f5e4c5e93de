package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which command lines start {@link io.googo.etcd.core.client.ClassWarmup} ({@link GooEtcd#warmUp}). */
class WarmUpArgsTest {
    private static boolean warm(String... args) {
        return GooEtcd.warmUp(args);
    }

    @Test
    void oneShotKeyValueCommandsWarmUp() {
        assertThat(warm("get", "k")).isTrue();
        assertThat(warm("put", "k", "v")).isTrue();
        assertThat(warm("del", "k", "--prefix")).isTrue();
        assertThat(warm("txn", "--file", "f")).isTrue();
        assertThat(warm("--endpoints", "h:1", "-w", "json", "get", "k")).isTrue();
        assertThat(warm("--endpoints=h:1", "--insecure-skip-tls-verify", "put", "k", "v"))
                .isTrue();
        assertThat(warm("--user", "get", "put", "k", "v"))
                .as("'get' is --user's value")
                .isTrue();
    }

    @Test
    void otherCommandsHelpAndDebugDoNot() {
        assertThat(warm("watch", "k")).isFalse();
        assertThat(warm("batch", "f")).isFalse();
        assertThat(warm("register", "n", "a")).isFalse();
        assertThat(warm("--endpoints", "get", "watch", "k")).isFalse();
        assertThat(warm()).isFalse();
        assertThat(warm("--version")).isFalse();
        assertThat(warm("get", "--help")).isFalse();
        assertThat(warm("-h")).isFalse();
        assertThat(warm("get", "k", "--debug"))
                .as("--debug sets Netty's logging up later")
                .isFalse();
    }
}
