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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `make dist`'s tarball runs on a machine with no JDK: bundled runtime, jar, CDS archive, launcher. */
@ExtendWith(EtcdExtension.class)
class DistProcessTest {
    @TempDir
    static Path unpacked;

    static Path home;

    record Run(int exit, String out, String err) {}

    static Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    @BeforeAll
    static void buildAndUnpack() throws Exception {
        Run dist = run(List.of("bash", "scripts/dist.sh"), System.getenv());
        assertThat(dist.exit()).as(dist.out() + dist.err()).isZero();
        Path tarball;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            tarball = s.filter(p -> p.getFileName().toString().matches("gooetcd-.*-linux-x64\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow();
        }
        Run tar = run(
                List.of(
                        "tar",
                        "-C",
                        unpacked.toString(),
                        "-xzf",
                        tarball.toAbsolutePath().toString()),
                System.getenv());
        assertThat(tar.exit()).as(tar.err()).isZero();
        try (Stream<Path> s = Files.list(unpacked)) {
            home = s.findFirst().orElseThrow();
        }
    }

    /** No java on PATH, no JAVA_HOME: only what the tarball brings. */
    static Run gooetcd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/gooetcd").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("PATH", "/usr/bin:/bin", "HOME", unpacked.toString()));
    }

    @Test
    void theTarballHoldsRuntimeJarArchiveAndLauncher() {
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("lib/gooetcd.jar")).isRegularFile();
        assertThat(home.resolve("lib/gooetcd.jsa")).isRegularFile();
        assertThat(home.resolve("bin/gooetcd")).isExecutable();
    }

    @Test
    void versionAndPutGetWorkWithoutAJdk(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Run version = gooetcd("--endpoints", etcd.clientUrl(), "version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).contains("gooetcd version:", "server version: 3.4");
        assertThat(version.err()).isEmpty();

        Run put = gooetcd("--endpoints", etcd.clientUrl(), "put", prefix.key("k"), "from-dist");
        assertThat(put.exit()).as(put.err()).isZero();
        Run get = gooetcd("--endpoints", etcd.clientUrl(), "get", prefix.key("k"), "--print-value-only");
        assertThat(get.out()).isEqualTo("from-dist\n");
        assertThat(get.err()).isEmpty();
    }

    @Test
    void aStaleOrBrokenCdsArchiveNeverBreaksACommand(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Path jsa = home.resolve("lib/gooetcd.jsa");
        jsa.toFile().setWritable(true);
        Files.write(jsa, new byte[] {1, 2, 3});
        Run put = gooetcd("--endpoints", etcd.clientUrl(), "put", prefix.key("c"), "still-works");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).isEqualTo("OK\n");
        assertThat(put.err()).isEmpty();
    }
}
