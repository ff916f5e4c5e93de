package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `make native` on a machine without GraalVM fails at once with a clear message and touches nothing. */
class MakeNativeProcessTest {

    /**
     * What is under {@code dir}, with modification times; not the test runner's own reports, which
     * Maven writes for the class that ran before this one while this one runs.
     */
    static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.startsWith(dir.resolve("failsafe-reports"))
                            && !p.startsWith(dir.resolve("surefire-reports")))
                    .map(p -> {
                        try {
                            return p + " " + Files.getLastModifiedTime(p).toMillis();
                        } catch (java.io.IOException e) {
                            return p.toString();
                        }
                    })
                    .sorted()
                    .toList();
        }
    }

    @Test
    void failsClearlyWithoutNativeImage() throws Exception {
        Path target = Path.of("target");
        List<String> before = listing(target);
        ProcessBuilder pb = new ProcessBuilder("make", "-s", "native");
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isNotZero();
        assertThat(err).contains("Error: native-image not found").contains("GraalVM");
        assertThat(listing(target)).as("make native must not touch target/").isEqualTo(before);
    }
}
