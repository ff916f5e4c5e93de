package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code put --ttl 60}: a bare number is seconds, as {@code lease grant 60} takes it (issue #15, item 5). */
class PutTtlSecondsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    @Test
    void aBareNumberIsSeconds(TestPrefix p) throws Exception {
        String k = p.key("k");
        Cli.Result r = Cli.at(etcd.clientUrl()).run("put", "--ttl", "60", k, "v");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
        long lease = new ObjectMapper()
                .readTree(etcd.etcdctl("get", k, "-w", "json").assertOk().out())
                .path("kvs")
                .get(0)
                .path("lease")
                .asLong();
        assertThat(lease).as("a lease is attached").isNotZero();
        assertThat(etcd.etcdctl("lease", "timetolive", Long.toHexString(lease))
                        .assertOk()
                        .out())
                .contains("granted with TTL(60s)");
        Cli.Result half = Cli.at(etcd.clientUrl()).run("put", "--ttl", "1.5", k, "v");
        assertThat(half.exitCode()).as(half.toString()).isIn(3, 128);
    }
}
