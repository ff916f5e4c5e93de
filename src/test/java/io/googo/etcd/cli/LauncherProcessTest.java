package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** bin/gooetcd's class archive cache: bounded, remade when stale, and no process but java when fresh. */
@ExtendWith(EtcdExtension.class)
class LauncherProcessTest {
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s did not exit", cmd).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    /** A copy of the jar, so that its time can be changed without touching the build's. */
    static Path jarCopy(Path dir) throws Exception {
        Path jar = dir.resolve("gooetcd.jar");
        Files.copy(Path.of("target/gooetcd.jar"), jar);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
        return jar;
    }

    @Test
    void aRebuiltJarReplacesItsArchiveAndArchivesOfGoneJarsAreRemoved(@TempDir Path dir) throws Exception {
        Path jar = jarCopy(dir);
        Path cache = dir.resolve("cache");
        Path archives = cache.resolve("gooetcd");
        Files.createDirectories(archives);
        // an archive of an earlier launcher (named after the jar's time: one more per build) and one of a jar gone
        Files.writeString(archives.resolve("gooetcd-1234.jsa"), "old");
        Files.writeString(archives.resolve("gooetcd-5678.jsa"), "gone");
        Files.writeString(archives.resolve("gooetcd-5678.jar"), dir.resolve("nonexistent.jar") + "\n");
        Map<String, String> env =
                Map.of("GOOETCD_JAR", jar.toString(), "XDG_CACHE_HOME", cache.toString(), "GOOETCD_CDS", "make");

        Run first = launch(env, CliProcessTest.LAUNCHER.toString(), "get");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(CliProcessTest.archives(archives)).as(first.toString()).hasSize(1);
        Path archive = CliProcessTest.archives(archives).get(0);
        assertThat(first.out()).contains("class archive: " + archive);

        // a new build of the jar: newer than the archive, and in the past (as a build's time is)
        Instant rebuilt = Files.getLastModifiedTime(archive).toInstant().plusSeconds(1);
        Files.setLastModifiedTime(jar, FileTime.from(rebuilt));
        Await.until(
                Duration.ofSeconds(5),
                () -> Instant.now().isAfter(rebuilt),
                "the clock to pass the rebuilt jar's time");
        Run second = launch(env, CliProcessTest.LAUNCHER.toString(), "get");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(CliProcessTest.archives(archives))
                .as("one archive per jar, Java and flag set: " + second)
                .containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive).toInstant())
                .isAfter(Files.getLastModifiedTime(jar).toInstant().minusSeconds(1));
        try (var files = Files.list(archives)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("gooetcd-")))
                    .as("the archive and the file naming its jar, nothing else")
                    .containsExactlyInAnyOrder(
                            archive.getFileName().toString(),
                            archive.getFileName().toString().replaceAll("\\.(jsa|aot)$", ".jar"));
        }
    }

    @Test
    void aFreshArchiveMeansNoProcessButJava(EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace not installed");
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "GOOETCD_CDS", "make");
        Run make = launch(env, CliProcessTest.LAUNCHER.toString(), "get");
        assertThat(make.exit()).as(make.toString()).isZero();
        Path trace = dir.resolve("strace.txt");
        Run get = launch(
                Map.of("XDG_CACHE_HOME", cache.toString()),
                "strace",
                "-f",
                "-o",
                trace.toString(),
                "-e",
                "trace=execve,clone,clone3,fork,vfork",
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "get",
                prefix.key("absent"));
        assertThat(get.exit()).as(get.toString()).isZero();
        List<String> before = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            if (line.contains("execve(\"") && line.contains("java\"") && line.endsWith("= 0")) {
                break;
            }
            before.add(line);
        }
        assertThat(before)
                .as("the launcher's system calls before it execs java:\n" + String.join("\n", before))
                .noneMatch(l -> l.matches("\\d+ +(clone|clone3|fork|vfork)\\(.*"));
        assertThat(before.size())
                .as("java was exec'd")
                .isLessThan(Files.readAllLines(trace).size());
    }

    /** The JVM's final value of FLAG as {@code -XX:+PrintFlagsFinal} writes it in {@code out}, or null. */
    static String flag(String out, String flag) {
        for (String line : out.split("\n")) {
            String[] words = line.trim().split(" +");
            if (words.length >= 4 && words[1].equals(flag) && words[2].equals("=")) {
                return words[3];
            }
        }
        return null;
    }

    /** The launcher on the JDK at {@code javaHome}, with no class archive and {@code javaOpts}. */
    private static Map<String, String> withoutArchive(String javaHome, Path dir, String javaOpts) {
        return Map.of(
                "JAVA_HOME",
                javaHome,
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString(),
                "GOOETCD_CDS",
                "off",
                "GOOETCD_JAVA_OPTS",
                javaOpts);
    }

    @Test
    void oneShotKeyValueCommandsCompileLessAndSkipTheTrainingReplay(
            EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        Path jdk25 = LocaleProcessTest.JDK25.getParent().getParent();
        List<String> javaHomes = new ArrayList<>(List.of(System.getProperty("java.home")));
        if (Files.isExecutable(LocaleProcessTest.JDK25)) {
            javaHomes.add(jdk25.toString());
        }
        for (String javaHome : javaHomes) {
            boolean onJdk25 = !javaHome.equals(System.getProperty("java.home"));
            Map<String, String> env = withoutArchive(javaHome, dir, "-XX:+PrintFlagsFinal -XshowSettings:properties");
            for (String cmd : List.of("get", "put", "del")) {
                List<String> args = new ArrayList<>(
                        List.of(CliProcessTest.LAUNCHER.toString(), "--endpoints", etcd.clientUrl(), cmd));
                args.add(prefix.key("k"));
                if (cmd.equals("put")) {
                    args.add("v");
                }
                Run run = launch(env, args.toArray(new String[0]));
                assertThat(run.exit()).as(run.toString()).isZero();
                assertThat(flag(run.out(), "CompileThresholdScaling"))
                        .as(javaHome + " " + cmd + ": " + run)
                        .isEqualTo("5.000000");
                if (onJdk25) {
                    assertThat(flag(run.out(), "AOTReplayTraining"))
                            .as(javaHome + " " + cmd + ": " + run)
                            .isEqualTo("false");
                    assertThat(run.err())
                            .as(javaHome + " " + cmd + ": " + run)
                            .contains("jdk.reflect.useNativeAccessorOnly = true");
                }
            }
            // the others (batch, shell, load, dump: many requests) keep C1's own thresholds
            Run version = launch(env, CliProcessTest.LAUNCHER.toString(), "version");
            assertThat(version.exit()).as(version.toString()).isZero();
            assertThat(flag(version.out(), "CompileThresholdScaling"))
                    .as(javaHome + " version: " + version)
                    .isEqualTo("1.000000");
        }
    }

    /**
     * The long-running commands (watch, lock, ...) run C1 at 5x its thresholds with unpooled buffers
     * on both JDKs, and on JDK 25 do not replay the AOT cache's training data either (a replay of
     * 20,000 events: 5-16% less CPU for the first two, 12% for the last); the last flag is absent
     * on JDK 17.
     */
    @Test
    void longRunningCommandsCompileLateAndSkipTheTrainingReplayOnJdk25(
            EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        Run put = launch(
                Map.of(
                        "GOOETCD_CDS",
                        "off",
                        "XDG_CACHE_HOME",
                        dir.resolve("cache").toString()),
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "put",
                prefix.key("w"),
                "v");
        assertThat(put.exit()).as(put.toString()).isZero();
        Path jdk25 = LocaleProcessTest.JDK25.getParent().getParent();
        List<String> javaHomes = new ArrayList<>(List.of(System.getProperty("java.home")));
        if (Files.isExecutable(LocaleProcessTest.JDK25)) {
            javaHomes.add(jdk25.toString());
        }
        for (String javaHome : javaHomes) {
            Map<String, String> env = withoutArchive(javaHome, dir, "-XX:+PrintFlagsFinal -XshowSettings:properties");
            Run run = launch(
                    env,
                    CliProcessTest.LAUNCHER.toString(),
                    "--endpoints",
                    etcd.clientUrl(),
                    "watch",
                    "--prefix",
                    prefix.value(),
                    "--rev",
                    "1",
                    "--max-events",
                    "1");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).as(run.toString()).contains(prefix.key("w"));
            assertThat(flag(run.out(), "AOTReplayTraining"))
                    .as(javaHome + ": " + run)
                    .isEqualTo(javaHome.equals(jdk25.toString()) ? "false" : null);
            assertThat(flag(run.out(), "CompileThresholdScaling"))
                    .as(javaHome + ": " + run)
                    .isEqualTo("5.000000");
            assertThat(run.err())
                    .as(javaHome + ": " + run)
                    .contains("io.netty.allocator.type = unpooled")
                    .contains("io.grpc.netty.useCustomAllocator = false");
        }
    }

    /**
     * The long-running commands' archive (watch, lock, ...: their own JVM flags, so their own archive)
     * is trained on a watch too: a watch's own classes come from it, not from the jar.
     */
    @Test
    void theWatchArchiveHoldsTheWatchPath(EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Run make = launch(
                Map.of("XDG_CACHE_HOME", cache.toString(), "GOOETCD_CDS", "make"),
                CliProcessTest.LAUNCHER.toString(),
                "watch");
        assertThat(make.exit()).as(make.toString()).isZero();
        for (String k : List.of("a", "b")) {
            Run put = launch(
                    Map.of("XDG_CACHE_HOME", cache.toString()),
                    CliProcessTest.LAUNCHER.toString(),
                    "--endpoints",
                    etcd.clientUrl(),
                    "put",
                    prefix.key(k),
                    "v");
            assertThat(put.exit()).as(put.toString()).isZero();
        }
        Path log = dir.resolve("classes.txt");
        Run watch = launch(
                Map.of("XDG_CACHE_HOME", cache.toString(), "GOOETCD_JAVA_OPTS", "-Xlog:class+load:file=" + log),
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "watch",
                prefix.key(""),
                "--prefix",
                "--rev",
                "1",
                "--max-events",
                "2",
                "-w",
                "json");
        assertThat(watch.exit()).as(watch.toString()).isZero();
        assertThat(watch.out().lines()).as(watch.toString()).hasSize(2);
        List<String> loaded = Files.readAllLines(log);
        for (String c : List.of(
                "io.googo.etcd.core.client.WatchStream ",
                "io.googo.etcd.core.watch.Watcher ",
                "io.etcd.jetcd.api.WatchResponse ",
                "io.googo.etcd.cli.command.WatchCommand$Session ")) {
            assertThat(loaded.stream().filter(l -> l.contains(c)))
                    .as(c + "in the classes the watch loaded (" + make + "):\n" + String.join("\n", loaded))
                    .singleElement()
                    .asString()
                    .contains("source: shared objects file");
        }
    }

    static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (java.io.IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Test
    void aStaleArchiveIsNotUsedAndIsMadeAgainInTheBackground(EtcdProcess etcd, TestPrefix prefix, @TempDir Path dir)
            throws Exception {
        Path jar = jarCopy(dir);
        Path cache = dir.resolve("cache");
        Path archives = cache.resolve("gooetcd");
        Run make = launch(
                Map.of("GOOETCD_JAR", jar.toString(), "XDG_CACHE_HOME", cache.toString(), "GOOETCD_CDS", "make"),
                CliProcessTest.LAUNCHER.toString(),
                "get");
        assertThat(make.exit()).as(make.toString()).isZero();
        Path archive = CliProcessTest.archives(archives).get(0);
        FileTime made = Files.getLastModifiedTime(archive);
        // a new build of the jar: newer than the archive, and in the past (as a build's time is)
        Instant rebuilt = made.toInstant().plusSeconds(1);
        Files.setLastModifiedTime(jar, FileTime.from(rebuilt));
        Await.until(
                Duration.ofSeconds(5),
                () -> Instant.now().isAfter(rebuilt),
                "the clock to pass the rebuilt jar's time");

        Run get = launch(
                Map.of("GOOETCD_JAR", jar.toString(), "XDG_CACHE_HOME", cache.toString()),
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "get",
                prefix.key("absent"));
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.err()).isEmpty();
        Await.until(
                Duration.ofSeconds(120),
                () -> modified(archive).compareTo(made) > 0
                        && !Files.exists(archives.resolve(archive.getFileName() + ".lock")),
                "the background maker to make " + archive + " again");
        assertThat(CliProcessTest.archives(archives)).containsExactly(archive);
    }
}
