package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --debug} of the packaged jar against an etcd with auth: useful lines, no credentials. */
class DebugOutputProcessTest {
    private static final String PASSWORD = "carol-S3cret-pw";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addCarol() {
        etcd.process().addUser("carol", PASSWORD, "/t-");
    }

    @Test
    void debugOutputShowsTheFramesButNeitherThePasswordNorTheToken(TestPrefix prefix) throws Exception {
        etcd.etcdctl("--user", "root:root-pw", "put", prefix.key("k"), "v").assertOk();
        List<String> cmd = new ArrayList<>(List.of(
                CliProcessTest.LAUNCHER.toString(),
                "--endpoints",
                etcd.clientUrl(),
                "--debug",
                "--user",
                "carol:" + PASSWORD,
                "get",
                prefix.key("k")));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", CliProcessTest.freshHome().toString());
        pb.environment().put("GOOETCD_CDS", "off");
        Process p = pb.start();
        p.getOutputStream().close();
        var errReader = p.getErrorStream();
        byte[][] err = new byte[1][];
        Thread errPump = new Thread(() -> {
            try {
                err[0] = errReader.readAllBytes();
            } catch (java.io.IOException e) {
                err[0] = new byte[0];
            }
        });
        errPump.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errPump.join(10_000);
        String stderr = new String(err[0], StandardCharsets.UTF_8);
        String what = "exit=" + p.exitValue() + "\n--- stdout ---\n" + out + "--- stderr (" + stderr.length()
                + " chars) ---\n" + stderr;

        assertThat(p.exitValue()).as(what).isZero();
        assertThat(out).as(what).contains(prefix.key("k"));
        // still useful: the frames, the methods called, the lengths
        assertThat(stderr)
                .as(what)
                .contains(
                        "OUTBOUND HEADERS",
                        "/etcdserverpb.Auth/Authenticate",
                        "/etcdserverpb.KV/Range",
                        "OUTBOUND DATA",
                        "length=");
        // no noise: gRPC's reflective look for the census module we do not ship
        assertThat(stderr).as(what).doesNotContain("io.grpc.census");
        // no password, in text or as the hex of the Authenticate request
        String hex = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(stderr).as(what).doesNotContain(PASSWORD).doesNotContainIgnoringCase(hex);
        // no token: no token header value, and no simple token (16 letters, a dot, a number) anywhere,
        // as text or hex (then no frame payload at all)
        assertThat(stderr)
                .as(what)
                .containsPattern("token: <redacted>")
                .doesNotContainPattern(Pattern.compile("token: (?!<redacted>)"))
                .doesNotContainPattern(Pattern.compile("[A-Za-z]{16}\\.[0-9]+"))
                .doesNotContainPattern(Pattern.compile("DATA:[^\\n]*bytes=[0-9a-f]"));
    }
}
