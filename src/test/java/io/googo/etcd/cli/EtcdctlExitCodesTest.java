package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.FreePorts;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exit codes of docs/CLI.md's "Where etcdctl's code differs" table (issue #15, item 6), each run
 * through both tools against the same server, so that the table stays true for etcdctl too.
 */
class EtcdctlExitCodesTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli.Result goo(String... args) {
        return Cli.at(etcd.clientUrl()).run(args);
    }

    @Test
    void unknownCommandIsAUsageErrorHereAndOneInEtcdctl() {
        EtcdctlResult c = etcd.process().etcdctlRaw("nosuchcommand");
        Cli.Result g = goo("nosuchcommand");
        assertThat(c.exitCode()).as(c.toString()).isEqualTo(1);
        assertThat(g.exitCode()).as(g.toString()).isEqualTo(128);
        assertThat(g.err()).as(g.toString()).startsWith("Error: ");
    }

    @Test
    void ignoreValueWithAValueIs128InBoth(TestPrefix prefix) {
        String k = prefix.key("k");
        EtcdctlResult c = etcd.process().etcdctlRaw("put", "--ignore-value", k, "v");
        Cli.Result g = goo("put", "--ignore-value", k, "v");
        assertThat(c.exitCode()).as(c.toString()).isEqualTo(128);
        assertThat(g.exitCode()).as(g.toString()).isEqualTo(128);
        assertThat(etcd.etcdctl("get", k).assertOk().out())
                .as("nothing written")
                .isEmpty();
    }

    @Test
    void unreachableIsTwoHereAndOneInEtcdctl() throws Exception {
        String nowhere = "127.0.0.1:" + FreePorts.next();
        ProcessBuilder pb = new ProcessBuilder(
                        System.getenv().getOrDefault("ETCDCTL_BIN", "etcdctl"),
                        "--endpoints=" + nowhere,
                        "--dial-timeout=1s",
                        "--command-timeout=2s",
                        "get",
                        "k")
                .redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        String ctlOut = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Cli.Result g = Cli.at(nowhere).run("--dial-timeout", "1s", "--command-timeout", "2s", "get", "k");
        assertThat(p.exitValue()).as(ctlOut).isEqualTo(1);
        assertThat(g.exitCode()).as(g.toString()).isEqualTo(2);
        assertThat(g.err()).as(g.toString()).startsWith("Error: ").doesNotContain("\tat ");
    }
}
