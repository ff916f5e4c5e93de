package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged jar through bin/gooetcd, as a real process: stdin, stdout, stderr, exit codes. */
@ExtendWith(EtcdExtension.class)
class CliProcessTest {
    static final Path LAUNCHER = Path.of(System.getProperty("gooetcd.launcher", "bin/gooetcd"));

    record Run(int exit, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + outText() + "\n--- stderr ---\n" + err;
        }
    }

    /** Where every {@link #freshHome()} is made: one directory per test JVM, removed when it exits. */
    private static Path homes;

    /**
     * An empty directory to be a gooetcd process's HOME (no profile file, no cache of the user's),
     * made under one directory that is removed with all of them when the test JVM exits: the suite
     * leaves no home directories in /tmp behind.
     */
    static synchronized Path freshHome() throws IOException {
        if (homes == null) {
            Path dir = Files.createTempDirectory("gooetcd-homes");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            homes = dir;
        }
        return Files.createTempDirectory(homes, "home");
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left for the system's temporary-file cleaning
        }
    }

    static Run run(EtcdProcess etcd, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--endpoints", etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", freshHome().toString());
        pb.environment().put("GOOETCD_CDS", "off"); // a fresh HOME would make a class archive every time
        pb.environment().remove("XDG_CONFIG_HOME");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gooetcd " + args[0] + " did not exit");
        }
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void binaryValueFromStdinRoundTripsAndStderrStaysEmpty(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        byte[] value = {0, 1, 2, (byte) 0xff, '\n', 'x'};
        Run put = run(etcd, value, "put", prefix.key("bin"));
        assertThat(put.exit()).as(put.toString()).isZero();
        assertThat(put.outText()).as(put.toString()).isEqualTo("OK\n");
        assertThat(put.err()).as("no library logging on stderr").isEmpty();

        Run get = run(etcd, new byte[0], "get", prefix.key("bin"), "--print-value-only");
        assertThat(get.exit()).as(get.toString()).isZero();
        byte[] expected = new byte[value.length + 1];
        System.arraycopy(value, 0, expected, 0, value.length);
        expected[value.length] = '\n';
        assertThat(get.out()).as(get.toString()).isEqualTo(expected);
        assertThat(get.err()).isEmpty();
    }

    @Test
    void jsonOutputIsOneParseableDocument(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(run(etcd, new byte[0], "put", prefix.key("j" + i), "v" + i)
                            .exit())
                    .isZero();
        }
        Run get = run(etcd, new byte[0], "get", prefix.value(), "--prefix", "-w", "json");
        assertThat(get.exit()).as(get.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(get.out());
        assertThat(doc.get("count").asLong()).isEqualTo(3);
        assertThat(doc.get("kvs").get(2).get("value").asText()).isEqualTo("v2");
        assertThat(get.outText().strip()).doesNotContain("\n");
    }

    @Test
    void exitCodesComeThroughTheLauncher(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Run usage = run(etcd, new byte[0], "get", "--no-such-flag", "k");
        assertThat(usage.exit()).as(usage.toString()).isEqualTo(128);
        assertThat(usage.err()).startsWith("Error: ");

        Run cas = run(etcd, new byte[0], "put", prefix.key("cas"), "v", "--if-mod-revision", "1");
        assertThat(cas.exit()).as(cas.toString()).isEqualTo(7);

        List<String> cmd =
                List.of(LAUNCHER.toString(), "--endpoints", "127.0.0.1:1", "--dial-timeout", "1s", "get", "k");
        Process p = new ProcessBuilder(cmd).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("Error: ").contains("127.0.0.1:1");
    }

    @Test
    void runsQuietlyOnANewerJdkToo(EtcdProcess etcd, TestPrefix prefix) throws Exception {
        Path jdk = newestJdk();
        Assumptions.assumeTrue(jdk != null, "no JDK 23+ under /usr/lib/jvm");
        List<String> cmd = List.of(LAUNCHER.toString(), "--endpoints", etcd.clientUrl(), "put", prefix.key("k"), "v");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("GOOETCD_CDS", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("OK\n");
        assertThat(err).as("no JVM warnings (e.g. sun.misc.Unsafe) on " + jdk).isEmpty();
    }

    static Path newestJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> releaseVersion(d) >= 23)
                    .findFirst()
                    .orElse(null);
        }
    }

    static int releaseVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The launcher makes a class archive in the background; a corrupt one never breaks a command. */
    @Test
    void theLaunchersClassArchiveIsMadeOnceAndACorruptOneIsIgnored(
            EtcdProcess etcd, TestPrefix prefix, @org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        Run first = runWithCache(etcd, cache, "put", prefix.key("cds"), "v1");
        assertThat(first.exit()).as(first.toString()).isZero();
        Path dir = cache.resolve("gooetcd");
        io.googo.etcd.testkit.Await.until(
                java.time.Duration.ofSeconds(90),
                () -> archives(dir).size() == 1,
                "the background JVM to write the class archive into " + dir);
        Path archive = archives(dir).get(0);

        Run warm = runWithCache(etcd, cache, "get", prefix.key("cds"), "--print-value-only");
        assertThat(warm.exit()).as(warm.toString()).isZero();
        assertThat(warm.outText()).isEqualTo("v1\n");
        assertThat(warm.err()).isEmpty();

        archive.toFile().setWritable(true);
        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        Run corrupt = runWithCache(etcd, cache, "get", prefix.key("cds"), "--print-value-only");
        assertThat(corrupt.exit()).as(corrupt.toString()).isZero();
        assertThat(corrupt.outText()).isEqualTo("v1\n");
        assertThat(corrupt.err()).as("no JVM warning about the archive").isEmpty();
    }

    static List<Path> archives(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("gooetcd-\\d+\\.(jsa|aot)"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Run runWithCache(EtcdProcess etcd, Path cache, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--endpoints", etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().remove("GOOETCD_CDS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void helpGroupsCommandsLikeEtcdctl(EtcdProcess etcd) throws Exception {
        Run help = run(etcd, new byte[0], "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.outText()).contains("Key-value commands:", "Utility commands:", "--write-out");
    }
}
