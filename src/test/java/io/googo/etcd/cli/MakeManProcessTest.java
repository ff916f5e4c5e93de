package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `make man` writes target/man/man1, so that `MANPATH=target/man man gooetcd-get` finds the page. */
class MakeManProcessTest {

    @Test
    void manFindsThePagesUnderTargetMan() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man not installed");
        // -o build: the jar the failsafe run tests is current; do not package again
        Run make = run(new ProcessBuilder("make", "-s", "-o", "build", "man"));
        assertThat(make.code).as(make.toString()).isZero();
        assertThat(Path.of("target/man/man1/gooetcd-get.1")).as(make.toString()).isRegularFile();

        ProcessBuilder man = new ProcessBuilder("man", "-w", "gooetcd-get");
        man.environment().put("MANPATH", "target/man");
        Run found = run(man);
        assertThat(found.code).as(found.toString()).isZero();
        assertThat(found.out.strip()).as(found.toString()).endsWith("target/man/man1/gooetcd-get.1");
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        var err = p.getErrorStream();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("finished: %s %s", out, e)
                .isTrue();
        return new Run(p.exitValue(), out, e);
    }
}
