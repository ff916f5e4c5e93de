package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code user add}'s prompts on a real terminal (a pseudo-terminal made by util-linux {@code script}):
 * etcdctl's two prompts, the password typed after each is not echoed, and it is the one set.
 */
class AuthTtyProcessTest {
    private static final String PASSWORD = "tty-S3cret-pw";

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    /** Everything the terminal showed so far, read by a thread of its own. */
    private static final class Screen {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Screen(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] b = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(b)) > 0) {
                        synchronized (seen) {
                            seen.write(b, 0, n);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the terminal closed
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String text() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.UTF_8);
            }
        }

        void await(String what, Process p) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!text().contains(what)) {
                assertThat(System.nanoTime() < deadline && p.isAlive())
                        .as("waiting for \"%s\" on the terminal, which shows:\n%s", what, text())
                        .isTrue();
                Thread.sleep(50);
            }
        }
    }

    @Test
    void promptsOnTheTerminalWithoutEcho(TestPrefix p) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a terminal");
        String user = "tty" + p.value().replaceAll("[^0-9a-f]", "");
        String cmd =
                CliProcessTest.LAUNCHER.toAbsolutePath() + " --endpoints " + etcd.clientUrl() + " user add " + user;
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", cmd, "/dev/null");
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", CliProcessTest.freshHome().toString());
        pb.environment().put("GOOETCD_CDS", "off");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        try {
            Screen screen = new Screen(proc.getInputStream());
            OutputStream keys = proc.getOutputStream();
            screen.await("Password of " + user + ": ", proc);
            keys.write((PASSWORD + "\r").getBytes(StandardCharsets.UTF_8));
            keys.flush();
            screen.await("Type password of " + user + " again for confirmation: ", proc);
            keys.write((PASSWORD + "\r").getBytes(StandardCharsets.UTF_8));
            keys.flush();
            screen.await("User " + user + " created", proc);
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).as(screen.text()).isTrue();
            assertThat(proc.exitValue()).as(screen.text()).isZero();
            assertThat(screen.text())
                    .as("the password was echoed:\n%s", screen.text())
                    .doesNotContain(PASSWORD);
        } finally {
            proc.destroyForcibly();
        }
        assertThat(etcd.etcdctl("user", "get", user).assertOk().out()).startsWith("User: " + user);
    }
}
