package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No exit stall: when a one-shot command is about to exit, no thread of it is left in native
 * code (an event loop idle in epoll, a socket read), for which the JVM's exit would wait ~300 ms.
 * Deterministic: the packaged jar's own exit check ({@code -Dgooetcd.exitCheck=true}) names every
 * such thread at that moment, however fast or busy the machine.
 */
@ExtendWith(EtcdExtension.class)
class ExitStallProcessTest {
    @Test
    void noOneShotCommandLeavesAThreadInNativeCodeAtExit(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Path dir = Files.createTempDirectory("gooetcd-exit");
        Path txn = dir.resolve("txn");
        Files.writeString(txn, "\nput " + prefix.key("t") + " v\n\n\n");
        Path batch = dir.resolve("batch");
        Files.writeString(batch, "put " + prefix.key("b") + " v\nget " + prefix.key("b") + "\n");
        etcd.etcdctl("put", prefix.key("w"), "v").assertOk();
        String k = prefix.key("k");
        List<List<String>> commands = List.of(
                List.of("put", k, "v"),
                List.of("get", k),
                List.of("del", k),
                List.of("txn", "--file", txn.toString()),
                List.of("lease", "grant", "60"),
                List.of("member", "list"),
                List.of("endpoint", "status"),
                List.of("watch", prefix.key("w"), "--rev", "1", "--max-events", "1"),
                List.of("lock", prefix.key("lock"), "--try", "--", "true"),
                List.of("batch", batch.toString()));
        StringBuilder report = new StringBuilder();
        for (List<String> args : commands) {
            List<String> cmd =
                    new ArrayList<>(List.of(CliProcessTest.LAUNCHER.toString(), "--endpoints", etcd.clientUrl()));
            cmd.addAll(args);
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(n -> n.startsWith("GOOETCD_") || n.startsWith("ETCDCTL_"));
            pb.environment().put("HOME", dir.toString());
            pb.environment().put("GOOETCD_CDS", "off");
            pb.environment().put("GOOETCD_JAVA_OPTS", "-D" + ExitCheck.PROPERTY + "=true");
            pb.environment().remove("XDG_CONFIG_HOME");
            Path err = dir.resolve("err");
            pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            boolean done = p.waitFor(2, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            report.append(String.join(" ", args))
                    .append(": exit=")
                    .append(done ? p.exitValue() : "still running")
                    .append('\n')
                    .append(stderr);
            assertThat(done && p.exitValue() == 0).as(report.toString()).isTrue();
        }
        assertThat(report.toString()).as(report.toString()).doesNotContain("exit-check:");
    }
}
