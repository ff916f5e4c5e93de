package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code shell} with standard input that is not a terminal: its lines run as with batch. */
@ExtendWith(EtcdExtension.class)
class ShellCommandTest {

    @Test
    void linesFromAPipeRunInOrderWithTheShellsGlobalOptions(EtcdProcess etcd, TestPrefix p) {
        String script = "put " + p.key("a") + " 'x y'\n# a comment\n\nget " + p.key("a") + "\nget " + p.key("a")
                + " -w simple\n";
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(script).run("-w", "json", "shell");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).as(r.toString()).hasSize(4);
        assertThat(r.out())
                .startsWith("{\"header\"")
                .contains("\"value\":\"x y\"")
                .endsWith(p.key("a") + "\nx y\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theExitCodeIsTheFirstFailuresAndTheRestStillRuns(EtcdProcess etcd, TestPrefix p) {
        String script = "put " + p.key("1") + " a --if-mod-revision 999\nput " + p.key("2") + " b\n";
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(script).run("shell");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("OK\n");
        assertThat(r.err()).startsWith("Error: ");
        assertThat(etcd.etcdctl("get", p.key("2"), "--print-value-only").out().strip())
                .isEqualTo("b");
    }

    @Test
    void errorsOfPipedLinesNameTheLineAsInBatch(EtcdProcess etcd, TestPrefix p) {
        Cli.Result r = Cli.at(etcd.clientUrl())
                .stdin(BatchCommandTest.failingScript(p))
                .run("--dial-timeout", "60s", "--command-timeout", "60s", "shell");
        BatchCommandTest.assertEveryErrorNamesItsLine(r, "stdin");
    }

    @Test
    void aShellCannotRunInsideBatchOrShell(EtcdProcess etcd) {
        for (String outer : new String[] {"batch", "shell"}) {
            Cli.Result r = Cli.at(etcd.clientUrl()).stdin("shell\n").run(outer);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).as(r.toString()).contains("shell cannot run inside batch or shell");
        }
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin("batch\n").run("shell");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    }
}
