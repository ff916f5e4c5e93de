package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Output details against the real etcdctl on the same server (issue #15 item 7): which stream a
 * command prints on, the endpoints as given, the tables' layout. Times ("took") differ from run to
 * run and are taken out before comparing.
 */
class EtcdctlOutputParityTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    /** A duration as Go prints it ("2.711586ms", "1.5s", "850µs"), replaced by "T". */
    static String untimed(String s) {
        return s.replaceAll("\\b[0-9]+(\\.[0-9]+)?(ns|µs|us|ms|s|m[0-9.]+s|h[0-9.m]+s)\\b", "T")
                .replaceAll("(?m)^(\\+-*)+\\+$", "+border+").replaceAll(" {2,}", " ");
    }

    @Test
    void endpointHealthPrintsOnTheStreamsEtcdctlPrintsOn() {
        for (String format : new String[] {"simple", "json", "table", "fields"}) {
            EtcdctlResult c = etcd.etcdctl("endpoint", "health", "-w", format).assertOk();
            Cli.Result g = Cli.at(etcd.clientUrl()).run("endpoint", "health", "-w",
                    format.equals("json") ? "etcdctl-json" : format);
            String what = "endpoint health -w " + format + "\ngooetcd:\n" + g + "\netcdctl:\n" + c;
            assertThat(g.exitCode()).as(what).isZero();
            assertThat(g.out().isEmpty()).as("stdout empty? " + what).isEqualTo(c.stdout().isEmpty());
            assertThat(g.err().isEmpty()).as("stderr empty? " + what).isEqualTo(c.stderr().isEmpty());
            if (format.equals("simple")) {
                assertThat(untimed(g.err())).as(what).isEqualTo(untimed(c.stderr()));
            }
        }
    }
}
