package io.googo.etcd.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a Java project gets it: the built jar and pom are put into an empty local
 * repository, as {@code mvn install} would, and real Maven resolves the class path of a project
 * that depends on {@code io.googo:goo-etcd} (offline: the build's own local repository serves as a
 * {@code file://} remote). That class path must hold no CLI library (picocli, JLine) and no SLF4J
 * binding, and one Netty version, the one the suite tests with. Then the README's example
 * ({@code src/test/resources/consumer/Quickstart.java}) is compiled and run on exactly that class
 * path against a real etcd, and must end promptly after {@code closeAll()} with no non-daemon thread left.
 */
@ExtendWith(EtcdExtension.class)
class ConsumerClasspathProcessTest {
    /** Exit after "closed": the JVM's own shutdown; Netty's global executor used to add up to 1 s. */
    private static final long EXIT_BUDGET_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void aConsumerGetsTheCoreWithoutTheCliOnOneNettyAndExitsPromptly(EtcdProcess etcd) throws Exception {
        List<String> cp = consumerClassPath();
        List<String> names = cp.stream()
                .map(p -> Path.of(p).getFileName().toString())
                .sorted()
                .toList();
        assertThat(names)
                .as("consumer class path %s", names)
                .anyMatch(n -> n.startsWith("goo-etcd-"))
                .anyMatch(n -> n.startsWith("jetcd-core-"))
                .noneMatch(n -> n.startsWith("picocli"))
                .noneMatch(n -> n.startsWith("jline"))
                .noneMatch(n -> n.startsWith("slf4j-simple") || n.startsWith("logback") || n.startsWith("slf4j-jdk"));
        Set<String> nettyVersions = new TreeSet<>();
        Pattern netty = Pattern.compile("netty-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+\\.[A-Za-z]+)\\.jar");
        for (String n : names) {
            Matcher m = netty.matcher(n);
            if (m.matches()) {
                nettyVersions.add(m.group(1));
            }
        }
        assertThat(nettyVersions)
                .as("Netty versions on %s", names)
                .containsExactly(System.getProperty("gooetcd.netty.version"));

        // compile and run the README's example on that class path
        Path src = dir.resolve("src/Quickstart.java");
        Files.createDirectories(src.getParent());
        try (var in = getClass().getResourceAsStream("/consumer/Quickstart.java")) {
            Files.copy(in, src);
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classPath = String.join(File.pathSeparator, cp);
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), "-cp", classPath, src.toString());
        assertThat(rc)
                .as("javac of Quickstart.java against the consumer class path")
                .isZero();

        Path profile = dir.resolve("profile.yaml");
        Files.writeString(
                profile,
                "current: local\nclusters:\n  local:\n    endpoints: [" + etcd.clientUrl()
                        + "]\n    request-timeout: 10s\n");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(
                        javaBin(),
                        "-cp",
                        classes + File.pathSeparator + classPath,
                        "Quickstart",
                        profile.toString(),
                        "consumer-" + ProcessHandle.current().pid() + "/")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        long closedAt = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (closedAt == 0 && Files.readString(out).contains("closed")) {
                closedAt = System.nanoTime();
            }
            Thread.sleep(10);
        }
        long exitedAt = System.nanoTime();
        p.destroyForcibly();
        String stdout = Files.readString(out);
        String report = "--- stdout ---\n" + stdout + "--- stderr ---\n" + Files.readString(err);
        assertThat(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("Quickstart exited with 0:\n%s", report)
                .isTrue();
        assertThat(stdout)
                .as(report)
                .contains(
                        "created=true",
                        "locked=true again=false",
                        "registered=consumer-",
                        "events=true value=v2",
                        "closed")
                .doesNotContain("non-daemon thread");
        if (closedAt != 0) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(exitedAt - closedAt))
                    .as("ms from 'closed' to the exit of the JVM\n%s", report)
                    .isLessThan(EXIT_BUDGET_MS);
        }
    }

    /** What Maven resolves for a project depending on io.googo:goo-etcd as installed now. */
    private List<String> consumerClassPath() throws IOException, InterruptedException {
        String version = System.getProperty("gooetcd.library.version");
        Path repo = dir.resolve("repo");
        Path installed = Files.createDirectories(repo.resolve("io/googo/goo-etcd/" + version));
        Files.copy(
                Path.of(System.getProperty("gooetcd.library.jar")), installed.resolve("goo-etcd-" + version + ".jar"));
        Files.copy(
                Path.of(System.getProperty("gooetcd.library.pom")), installed.resolve("goo-etcd-" + version + ".pom"));
        String m2 = Path.of(System.getProperty("gooetcd.m2", System.getProperty("user.home") + "/.m2/repository"))
                .toUri()
                .toString();
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>consumer</artifactId><version>1</version>
                  <repositories><repository><id>build</id><url>%1$s</url></repository></repositories>
                  <pluginRepositories><pluginRepository><id>build</id><url>%1$s</url></pluginRepository></pluginRepositories>
                  <dependencies>
                    <dependency><groupId>io.googo</groupId><artifactId>goo-etcd</artifactId><version>%2$s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(m2, version));
        Path cpFile = app.resolve("cp.txt");
        Path log = app.resolve("mvn.log");
        String mvn = Path.of(System.getProperty("gooetcd.maven.home", "/usr/share/maven"), "bin", "mvn")
                .toString();
        List<String> cmd = new ArrayList<>(Arrays.asList(
                mvn,
                "-B",
                "-ntp",
                "-o",
                "-Daether.offline.protocols=file",
                "-Dmaven.repo.local=" + repo,
                "-f",
                app.resolve("pom.xml").toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + cpFile));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0)
                .as("%s\n%s", cmd, Files.readString(log, StandardCharsets.UTF_8))
                .isTrue();
        return Arrays.stream(Files.readString(cpFile).trim().split(Pattern.quote(File.pathSeparator)))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toList());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
