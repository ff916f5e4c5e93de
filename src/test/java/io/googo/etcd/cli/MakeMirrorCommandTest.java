package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.config.TlsConfig;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdProcess;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gooetcd make-mirror} in-process: its flags and their errors, profiles for both ends, and a
 * destination with TLS and authentication. The mirroring itself is {@code MirrorTest}'s.
 */
class MakeMirrorCommandTest {
    private static final Duration LONG = Duration.ofSeconds(90);

    @RegisterExtension
    static final EtcdExtension SOURCE = EtcdExtension.builder().build();

    static EtcdProcess dest;
    static EtcdClient src;
    static EtcdClient dst;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        dest = EtcdProcess.builder()
                .name("mm-dest")
                .tls(true)
                .clientCertAuth(true)
                .rootPassword("rootpw")
                .start();
        src = EtcdClient.create(
                "source",
                EtcdConfig.builder()
                        .endpoints(SOURCE.clientUrl())
                        .dialTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(10))
                        .build());
        dst = EtcdClient.create(
                "dest",
                EtcdConfig.builder()
                        .endpoints(dest.clientUrl())
                        .username("root")
                        .password("rootpw")
                        .tls(TlsConfig.NONE
                                .withEnabled(true)
                                .withCaFile(dest.certificates().caCert())
                                .withCertFile(dest.certificates().clientCert())
                                .withKeyFile(dest.certificates().clientKey()))
                        .dialTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(10))
                        .build());
    }

    @AfterAll
    static void stop() {
        src.close();
        dst.close();
        dest.close();
    }

    private static Cli cli() {
        return Cli.at(SOURCE.clientUrl());
    }

    @Test
    void usageErrorsExit128BeforeAnythingIsSent() {
        for (List<String> args : List.of(
                List.of("make-mirror"),
                List.of("make-mirror", "--dest-prefix", "a/", "--no-dest-prefix", "127.0.0.1:1"),
                List.of("make-mirror", "--max-txn-ops", "0", "127.0.0.1:1"),
                List.of("make-mirror", "--max-txn-ops", "many", "127.0.0.1:1"),
                List.of("make-mirror", "--progress-interval", "soon", "127.0.0.1:1"),
                List.of("make-mirror", "--bogus", "127.0.0.1:1"),
                List.of("make-mirror", "127.0.0.1:1", "127.0.0.1:2"),
                List.of("-c", "a", "make-mirror", "--from", "b", "127.0.0.1:1"))) {
            Cli.Result r = cli().run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + "\n" + r).isEqualTo(128);
            assertThat(r.err()).as(args + "\n" + r).startsWith("Error: ").doesNotContain("Exception");
        }
        Cli.Result both = cli().run("make-mirror", "--dest-prefix", "a/", "--no-dest-prefix", "127.0.0.1:1");
        assertThat(both.err())
                .as(both.toString())
                .contains("`--dest-prefix` and `--no-dest-prefix` cannot be set at the same time, choose one");
        Cli.Result none = cli().run("make-mirror");
        assertThat(none.err()).as(none.toString()).contains("make-mirror takes one destination argument");
    }

    @Test
    void anUnreachableDestinationExits2AtOnce(TestPrefix p) {
        src.put(p.key("a"), "1");
        Cli.Result r = cli().run("make-mirror", "--prefix", p.value(), "--dial-timeout", "1s", "127.0.0.1:1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("Error: make-mirror: destination: ")
                .doesNotContain("Exception:")
                .hasLineCount(1);
    }

    @Test
    void anUnreachableSourceExits2(TestPrefix p) {
        Cli.Result r = Cli.at("127.0.0.1:1").run("make-mirror", "--dial-timeout", "1s", SOURCE.clientUrl());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("Error: make-mirror: source: ");
    }

    @Test
    void aWrongDestinationPasswordExits1(TestPrefix p) {
        Cli.Result r = cli().run(
                        "make-mirror",
                        "--prefix",
                        p.value(),
                        "--dest-cacert",
                        dest.certificates().caCert().toString(),
                        "--dest-cert",
                        dest.certificates().clientCert().toString(),
                        "--dest-key",
                        dest.certificates().clientKey().toString(),
                        "--dest-user",
                        "root:wrong",
                        dest.clientUrl());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("authentication failed").doesNotContain("wrong");
    }

    @Test
    void profilesForBothEndsTlsAndAuthOnTheDestination(TestPrefix p) throws Exception {
        Path certs = dest.certificates().dir();
        Path config = dir.resolve("config.yaml");
        Files.writeString(
                config,
                "current: nowhere\n"
                        + "clusters:\n"
                        + "  nowhere:\n    endpoints: [http://127.0.0.1:1]\n"
                        + "  src:\n    endpoints: [" + SOURCE.clientUrl() + "]\n"
                        + "  dst:\n    endpoints: [" + dest.clientUrl()
                        + "]\n    username: root\n    password: rootpw\n"
                        + "    tls:\n      ca-file: " + dest.certificates().caCert() + "\n      cert-file: "
                        + dest.certificates().clientCert() + "\n      key-file: "
                        + dest.certificates().clientKey() + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(certs).exists();
        src.put(p.key("m/a"), "1");
        src.put(p.key("m/b"), "2");
        try (LiveCli live = LiveCli.start(
                "--config",
                config.toString(),
                "make-mirror",
                "--from",
                "src",
                "--to",
                "dst",
                "--prefix",
                p.key("m/"),
                "--dest-prefix",
                p.key("copy/"),
                "--progress-interval",
                "100ms")) {
            try {
                Await.until(LONG, () -> "2".equals(dst.getValue(p.key("copy/b"))), "the initial copy");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; " + live, e);
            }
            src.put(p.key("m/c"), "3");
            src.delete(p.key("m/a"));
            Await.until(
                    LONG,
                    () -> "3".equals(dst.getValue(p.key("copy/c")))
                            && dst.get(p.key("copy/a")).kvs().isEmpty(),
                    "the changes; " + live);
            Await.until(LONG, () -> live.err().lines().anyMatch("4"::equals), "the count printed; " + live);
            Signals.interruptCommand(new Thread(() -> {}));
            try {
                assertThat(live.exitCode(LONG)).as(live.toString()).isZero();
            } finally {
                Signals.commandEnded();
            }
            List<String> lines = live.err().lines().toList();
            assertThat(lines)
                    .as(live.toString())
                    .allMatch(l -> l.matches("\\d+"))
                    .last()
                    .isEqualTo("4");
            assertThat(live.out()).as(live.toString()).isEmpty();
        }
    }
}
