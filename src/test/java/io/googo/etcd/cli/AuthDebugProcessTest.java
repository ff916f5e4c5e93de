package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --debug} of {@code user add} and {@code user passwd}: the frames, but never a password. */
class AuthDebugProcessTest {
    private static final String ROOT_PW = "root-pw-dbg";
    private static final String NEW_PW = "dave-N3w-S3cret";
    private static final String CHANGED_PW = "dave-Ch4nged-S3cret";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword(ROOT_PW).build();

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr (" + err.length() + " chars) ---\n" + err;
        }
    }

    private static Run run(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "--debug",
                "--user",
                "root:" + ROOT_PW));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", CliProcessTest.freshHome().toString());
        pb.environment().put("GOOETCD_CDS", "off");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[][] err = new byte[1][];
        Thread errPump = new Thread(() -> {
            try {
                err[0] = p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                err[0] = new byte[0];
            }
        });
        errPump.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errPump.join(10_000);
        return new Run(p.exitValue(), out, new String(err[0], StandardCharsets.UTF_8));
    }

    private static void assertNoSecret(Run r, String secret) {
        String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(secret).doesNotContainIgnoringCase(hex);
    }

    @Test
    void debugOutputShowsNoPassword(TestPrefix p) throws Exception {
        String user = "dave" + p.value().replaceAll("[^0-9a-f]", "");
        Run add = run(NEW_PW + "\n" + NEW_PW + "\n", "user", "add", user);
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).as(add.toString()).endsWith("User " + user + " created\n");
        assertThat(add.err()).as(add.toString()).contains("/etcdserverpb.Auth/UserAdd", "OUTBOUND DATA", "length=");
        assertNoSecret(add, NEW_PW);
        assertNoSecret(add, ROOT_PW);

        Run passwd = run(CHANGED_PW + "\n", "user", "passwd", user, "--interactive=false");
        assertThat(passwd.exit()).as(passwd.toString()).isZero();
        assertThat(passwd.err()).as(passwd.toString()).contains("/etcdserverpb.Auth/UserChangePassword");
        assertNoSecret(passwd, CHANGED_PW);
        assertNoSecret(passwd, ROOT_PW);

        // a failure's message names the user, never the password
        Run again = run(NEW_PW + "\n" + NEW_PW + "\n", "user", "add", user);
        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).as(again.toString()).contains("Error: ", "user name already exists");
        assertNoSecret(again, NEW_PW);

        etcd.process()
                .etcdctlRaw("--user", user + ":" + CHANGED_PW, "member", "list")
                .assertOk(); // the changed password logs in
    }
}
