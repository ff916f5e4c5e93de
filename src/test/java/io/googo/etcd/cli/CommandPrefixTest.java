package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Command names shortened to a unique prefix, as etcdctl's cobra accepts them (issue #15, item 5):
 * {@code compact} for {@code compaction}, at every level; an ambiguous prefix is a usage error.
 */
class CommandPrefixTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    @Test
    void aUniquePrefixRunsTheCommandAsEtcdctlDoes(TestPrefix p) {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v1").assertOk();
        etcd.etcdctl("put", k, "v2").assertOk();
        String rev = etcd.etcdctl("get", k, "-w", "fields")
                .assertOk()
                .out()
                .lines()
                .filter(l -> l.startsWith("\"Revision\""))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\D", "");
        long prev = Long.parseLong(rev) - 1;
        EtcdctlResult ctl = etcd.etcdctl("compac", Long.toString(prev - 1)).assertOk();
        Cli.Result goo = cli().run("compact", Long.toString(prev));
        assertThat(goo.exitCode()).as(goo.toString()).isZero();
        assertThat(goo.out()).as(goo + "\netcdctl: " + ctl).isEqualTo("compacted revision " + prev + "\n");
        Cli.Result sub = cli().run("mem", "li", "-w", "json");
        assertThat(sub.exitCode()).as(sub.toString()).isZero();
        assertThat(sub.out()).as(sub.toString()).contains("\"members\"");
    }

    @Test
    void anAmbiguousPrefixIsAUsageError() {
        Cli.Result r = cli().run("e", "x");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(128);
        assertThat(r.err()).as(r.toString()).startsWith("Error: ");
    }
}
