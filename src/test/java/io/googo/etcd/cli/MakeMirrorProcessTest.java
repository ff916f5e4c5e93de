package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gooetcd make-mirror} as a real process beside {@code etcdctl make-mirror} on the same source
 * and destination: the same copies, and SIGTERM ends ours with exit 0 and the count on stderr.
 */
class MakeMirrorProcessTest {
    private static final Duration LONG = Duration.ofSeconds(120);

    @RegisterExtension
    static final EtcdExtension SOURCE = EtcdExtension.builder().build();

    static EtcdProcess dest;
    static EtcdClient src;
    static EtcdClient dst;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        dest = EtcdProcess.builder().name("mm-proc-dest").start();
        src = client(SOURCE.clientUrl());
        dst = client(dest.clientUrl());
    }

    @AfterAll
    static void stop() {
        src.close();
        dst.close();
        dest.close();
    }

    private static EtcdClient client(String url) {
        return EtcdClient.create(
                "c",
                EtcdConfig.builder()
                        .endpoints(url)
                        .dialTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(10))
                        .build());
    }

    private static Map<String, String> state(String prefix) {
        Map<String, String> m = new TreeMap<>();
        for (Kv kv : dst.get(
                        prefix.getBytes(StandardCharsets.UTF_8),
                        GetOptions.builder().prefix(true).build())
                .kvs()) {
            m.put(kv.keyString().substring(prefix.length()), kv.valueString());
        }
        return m;
    }

    private Process start(Path err, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GOOETCD_CDS", "off");
        pb.redirectOutput(dir.resolve(err.getFileName() + ".out").toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    @Test
    void sameCopyAsEtcdctlAndSigtermExitsZeroWithTheCount(TestPrefix p) throws Exception {
        String prefix = p.key("src/");
        for (int i = 0; i < 50; i++) {
            src.put(prefix + "k" + i, "v" + i);
        }
        Path ourErr = dir.resolve("ours.err");
        Path theirErr = dir.resolve("etcdctl.err");
        List<Process> started = new ArrayList<>();
        try {
            Process ours = start(
                    ourErr,
                    CliProcessTest.LAUNCHER.toAbsolutePath().toString(),
                    "--endpoints",
                    SOURCE.clientUrl(),
                    "make-mirror",
                    "--prefix",
                    prefix,
                    "--dest-prefix",
                    p.key("ours/"),
                    dest.clientUrl());
            started.add(ours);
            Process theirs = start(
                    theirErr,
                    "etcdctl",
                    "--endpoints",
                    SOURCE.clientUrl(),
                    "make-mirror",
                    "--prefix",
                    prefix,
                    "--dest-prefix",
                    p.key("etcdctl/"),
                    dest.clientUrl());
            started.add(theirs);
            Await.until(
                    LONG,
                    () -> state(p.key("ours/")).size() == 50
                            && state(p.key("etcdctl/")).size() == 50,
                    "both initial copies");
            src.put(prefix + "new", "n");
            src.delete(prefix + "k3");
            long last = src.put(prefix + "k4", "changed").header().revision();
            Await.until(
                    LONG,
                    () -> "changed".equals(state(p.key("ours/")).get("k4"))
                            && "changed".equals(state(p.key("etcdctl/")).get("k4")),
                    "both followed the changes up to " + last);
            assertThat(state(p.key("ours/")))
                    .isEqualTo(state(p.key("etcdctl/")))
                    .hasSize(50)
                    .containsKey("new")
                    .doesNotContainKey("k3");
            ours.toHandle().destroy(); // SIGTERM
            assertThat(ours.waitFor(LONG.toSeconds(), TimeUnit.SECONDS))
                    .as("ours ended on SIGTERM")
                    .isTrue();
            String err = Files.readString(ourErr);
            assertThat(ours.exitValue()).as(err).isZero();
            assertThat(err.lines().toList())
                    .as(err)
                    .isNotEmpty()
                    .allMatch(l -> l.matches("\\d+"))
                    .last()
                    .isEqualTo("53");
        } finally {
            for (Process pr : started) {
                pr.destroyForcibly();
            }
        }
    }

    @Test
    void anUnreachableDestinationExits2(TestPrefix p) throws Exception {
        Path err = dir.resolve("unreachable.err");
        Process ours = start(
                err,
                CliProcessTest.LAUNCHER.toAbsolutePath().toString(),
                "--endpoints",
                SOURCE.clientUrl(),
                "--dial-timeout",
                "1s",
                "make-mirror",
                "--prefix",
                p.value(),
                "127.0.0.1:1");
        assertThat(ours.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err);
        assertThat(ours.exitValue()).as(text).isEqualTo(2);
        assertThat(text).startsWith("Error: make-mirror: destination: ").hasLineCount(1);
    }
}
