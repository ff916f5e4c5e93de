package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestCertificates;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code watch} over mutual TLS: the watch stream takes the same TLS set-up as the one-shot calls. */
class WatchTlsTest {
    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().tls(true).clientCertAuth(true).build();

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
    void aWatchOverMutualTlsReplaysAndEnds(TestCertificates certs, TestPrefix p) {
        assertThat(etcd.clientUrl()).startsWith("https://");
        long first = revisionOfPut(p.key("a"), "1");
        revisionOfPut(p.key("b"), "2");
        Cli.Result r = Cli.at(etcd.clientUrl())
                .global(
                        "--cacert",
                        certs.caCert().toString(),
                        "--cert",
                        certs.clientCert().toString(),
                        "--key",
                        certs.clientKey().toString())
                .run("watch", "--prefix", p.value(), "--rev", Long.toString(first), "--max-events", "2");
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("PUT\n" + p.key("a") + "\n1\nPUT\n" + p.key("b") + "\n2\n");
    }
}
