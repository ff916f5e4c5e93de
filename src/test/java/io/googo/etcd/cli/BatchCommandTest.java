package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EtcdExtension.class)
class BatchCommandTest {

    @Test
    void runsEveryLineInOrderWithShellQuotingAndComments(EtcdProcess etcd, TestPrefix p) {
        String script = """
                # set up
                put %1$sa "two words"
                put %1$sb 'single $quoted'
                get %1$sa
                get %1$s --prefix --keys-only

                get %1$sb -w json
                get %1$sb
                del %1$s --prefix
                """.formatted(p.value());
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(script).run("batch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .as(r.toString())
                .startsWith("OK\nOK\n" + p.key("a") + "\ntwo words\n" + p.key("a") + "\n\n" + p.key("b")
                        + "\n\n{\"header\"");
        assertThat(r.out())
                .as(r.toString())
                .contains("\"value\":\"single $quoted\"")
                .endsWith("}\n" + p.key("b") + "\nsingle $quoted\n2\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theExitCodeIsTheFirstFailuresAndTheRestStillRuns(EtcdProcess etcd, TestPrefix p) {
        String script = "put " + p.key("1") + " a\nput '' empty\nput " + p.key("2") + " b --if-mod-revision 999\n"
                + "put " + p.key("3") + " c\n";
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(script).run("batch");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("OK\nOK\n");
        assertThat(r.err().lines().filter(l -> l.startsWith("Error: ")).count())
                .as(r.toString())
                .isEqualTo(2);
        assertThat(etcd.etcdctl("get", p.key("3"), "--print-value-only").out().strip())
                .isEqualTo("c");
    }

    /** A line that is not UTF-8 is refused (named, exit 3), never run with U+FFFD for its bad bytes. */
    @Test
    void aLineThatIsNotUtf8IsRefusedNotRewritten(EtcdProcess etcd, TestPrefix p) {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        in.writeBytes(
                ("put " + p.key("1") + " a\nput " + p.key("bad")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        in.writeBytes((" b\nput " + p.key("3") + " c\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(in.toByteArray()).run("batch");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\nOK\n");
        assertThat(r.err().lines().toList())
                .as(r.toString())
                .singleElement()
                .asString()
                .startsWith("Error: stdin line 2: not valid UTF-8 (byte 0xFF at column "
                        + (p.key("bad").length() + 5) + ")");
        assertThat(etcd.etcdctl("get", p.value(), "--prefix", "--keys-only")
                        .out()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList())
                .as(r.toString())
                .containsExactly(p.key("1"), p.key("3"));
    }

    @Test
    void stopOnErrorStopsAtTheFirstFailure(EtcdProcess etcd, TestPrefix p, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("cmds");
        Files.writeString(
                file,
                "put " + p.key("1") + " a\nput " + p.key("2") + " b --if-mod-revision 999\n" + "put " + p.key("3")
                        + " c\n");
        Cli.Result r = Cli.at(etcd.clientUrl()).run("batch", file.toString(), "--stop-on-error");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("OK\n");
        assertThat(etcd.etcdctl("get", p.key("3")).out()).isEmpty();
    }

    @Test
    void theBatchsGlobalOptionsAreEachLinesDefaultsAndALineMayOverrideThem(EtcdProcess etcd, TestPrefix p) {
        String script = "put " + p.key("k") + " v\nget " + p.key("k") + "\nget " + p.key("k") + " -w simple\n";
        Cli.Result r = Cli.at(etcd.clientUrl()).stdin(script).run("batch", "-w", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).as(r.toString()).hasSize(4);
        assertThat(r.out()).startsWith("{\"header\"").endsWith(p.key("k") + "\nv\n");

        Cli.Result elsewhere = Cli.at(etcd.clientUrl())
                .stdin("get " + p.key("k") + " --endpoints 127.0.0.1:1 " + "--dial-timeout 300ms\n")
                .run("batch");
        assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(2);
        assertThat(elsewhere.err()).contains("127.0.0.1:1");
    }

    /** Lines 2, 4, 5, 6 and 8 fail: an empty key, a typo, an unknown flag, a bad sort target, a server error. */
    static String failingScript(TestPrefix p) {
        return "put %1$sa 1\nput '' v\n# a comment\ngett %1$sa\nget %1$sa --bogus\nget %1$s --prefix --sort-by size\n"
                        .formatted(p.value())
                + "\n" + "lease revoke 1234abcd\nget %1$sa --print-value-only\n".formatted(p.value());
    }

    static void assertEveryErrorNamesItsLine(Cli.Result r, String source) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n1\n");
        assertThat(r.err().lines().toList())
                .as(r.toString())
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("Error: " + source + " line 2: key must not be empty"),
                        l -> assertThat(l)
                                .startsWith("Error: " + source + " line 4: ")
                                .contains("'gett'")
                                .contains("; did you mean get"),
                        l -> assertThat(l)
                                .startsWith("Error: " + source + " line 5: ")
                                .contains("'--bogus'"),
                        l -> assertThat(l)
                                .isEqualTo("Error: " + source + " line 6: Invalid value for option '--sort-by': "
                                        + "'size' is not a sort target; use create, modify, version, key or value"),
                        l -> assertThat(l)
                                .startsWith("Error: " + source + " line 8: ")
                                .contains("lease not found"));
    }

    @Test
    void everyErrorOfALineNamesTheSourceAndTheLineInItsOneErrorLine(EtcdProcess etcd, TestPrefix p, @TempDir Path dir)
            throws Exception {
        // timeouts for a busy machine, so that only the lines meant to fail fail
        Cli.Result piped = Cli.at(etcd.clientUrl())
                .stdin(failingScript(p))
                .run("--dial-timeout", "60s", "--command-timeout", "60s", "batch");
        assertEveryErrorNamesItsLine(piped, "stdin");

        Path file = dir.resolve("cmds.txt");
        Files.writeString(file, failingScript(p));
        Cli.Result fromFile = Cli.at(etcd.clientUrl())
                .run("--dial-timeout", "60s", "--command-timeout", "60s", "batch", file.toString());
        assertEveryErrorNamesItsLine(fromFile, file.toString());
    }

    @Test
    void badLinesAndNestedBatchesAreRefused(EtcdProcess etcd, TestPrefix p) {
        Cli.Result quote = Cli.at(etcd.clientUrl())
                .stdin("put " + p.key("k") + " \"unterminated\n")
                .run("batch");
        assertThat(quote.exitCode()).as(quote.toString()).isEqualTo(3);
        assertThat(quote.err()).startsWith("Error: stdin line 1: ");
        Cli.Result nested = Cli.at(etcd.clientUrl()).stdin("batch\n").run("batch");
        assertThat(nested.exitCode()).as(nested.toString()).isEqualTo(3);
        Cli.Result missing = Cli.at(etcd.clientUrl()).run("batch", "/no/such/file");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(6);
    }
}
