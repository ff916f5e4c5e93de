package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Users and passwords against an etcd with auth enabled. */
class AuthTest {
    private static final String PASSWORD = "alice-S3cret-pw";
    private static final String WRONG = "not-Alices-pw-42";
    /** Alice may read and write every test prefix (/t-...), and nothing else. */
    private static final String ALICE_PREFIX = "/t-";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addAlice() {
        etcd.process().addUser("alice", PASSWORD, ALICE_PREFIX);
    }

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static String valueOf(String key) {
        return etcd.etcdctl("get", key, "--print-value-only").assertOk().out();
    }

    private static void assertNoSecret(Cli.Result r) {
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }

    private static void assertPutWorked(Cli.Result r, String key, String value) {
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
        assertNoSecret(r);
        assertThat(valueOf(key)).isEqualTo(value);
    }

    @Test
    void passwordInTheUserFlag(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v1", "--user", "alice:" + PASSWORD);
        assertPutWorked(r, prefix.key("k"), "v1");
        assertThat(r.err()).as(r.toString()).startsWith("Warning: ").contains("--user NAME:PASSWORD");

        Cli.Result get = cli().run("get", prefix.key("k"), "--print-value-only", "--user", "alice:" + PASSWORD);
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(get.out()).as(get.toString()).isEqualTo("v1\n");
    }

    @Test
    void passwordFile(TestPrefix prefix, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, PASSWORD + "\n");
        Cli.Result r = cli().run("put", prefix.key("k"), "v2", "--user", "alice", "--password-file", file.toString());
        assertPutWorked(r, prefix.key("k"), "v2");
        assertThat(r.err()).as("no warning for a password file:\n%s", r).isEmpty();
    }

    @Test
    void passwordFromGooetcdPassword(TestPrefix prefix) {
        Cli.Result r = cli().env("GOOETCD_PASSWORD", PASSWORD).run("put", prefix.key("k"), "v3", "--user", "alice");
        assertPutWorked(r, prefix.key("k"), "v3");
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @Test
    void passwordFromEtcdctlPassword(TestPrefix prefix) {
        Cli.Result r = cli().env("ETCDCTL_PASSWORD", PASSWORD).run("put", prefix.key("k"), "v4", "--user", "alice");
        assertPutWorked(r, prefix.key("k"), "v4");

        // GOOETCD_PASSWORD wins when both are set
        Cli.Result both = cli().env("ETCDCTL_PASSWORD", PASSWORD)
                .env("GOOETCD_PASSWORD", WRONG)
                .run("put", prefix.key("k"), "v5", "--user", "alice");
        assertCleanError(both, 1, "authentication failed");
        assertNoSecret(both);
        assertThat(valueOf(prefix.key("k"))).isEqualTo("v4");
    }

    @Test
    void userAndPasswordFromTheEnvironment(TestPrefix prefix) {
        Cli.Result r = cli().env("GOOETCD_USER", "alice")
                .env("GOOETCD_PASSWORD", PASSWORD)
                .run("put", prefix.key("k"), "v6");
        assertPutWorked(r, prefix.key("k"), "v6");

        Cli.Result etcdctlStyle = cli().env("ETCDCTL_USER", "alice:" + PASSWORD).run("put", prefix.key("k"), "v7");
        assertPutWorked(etcdctlStyle, prefix.key("k"), "v7");
    }

    @Test
    void wrongPasswordExits1WithoutShowingIt(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v", "--user", "alice:" + WRONG);
        assertCleanError(r, 1, "authentication failed", "alice", "invalid user name or password");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertNoSecret(r);
        assertThat(valueOf(prefix.key("k"))).isEmpty();

        Cli.Result viaEnv = cli().env("GOOETCD_PASSWORD", WRONG).run("get", prefix.key("k"), "--user", "alice");
        assertCleanError(viaEnv, 1, "authentication failed", "alice");
        assertNoSecret(viaEnv);
    }

    @Test
    void unknownUserExits1(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v", "--user", "mallory:" + WRONG);
        assertCleanError(r, 1, "authentication failed", "mallory");
        assertNoSecret(r);
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void userWithoutAPasswordAndNoTerminalExits3(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v", "--user", "alice");
        assertCleanError(r, 3, "alice", "GOOETCD_PASSWORD", "--password-file");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void passwordFlagWorksButWarns(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v8", "--user", "alice", "--password", PASSWORD);
        assertPutWorked(r, prefix.key("k"), "v8");
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("Warning: --password is visible to other users");
    }

    @Test
    void twoPasswordsOnTheCommandLineAreRefused(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v", "--user", "alice:" + PASSWORD, "--password", WRONG);
        assertCleanError(r, 3, "--password");
        assertNoSecret(r);
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void outsideTheUsersPrefixIsPermissionDenied(TestPrefix prefix) {
        String outside = "/outside" + prefix.key("k");
        Cli.Result r = cli().env("GOOETCD_PASSWORD", PASSWORD).run("put", outside, "v", "--user", "alice");
        assertCleanError(r, 1, "permission denied", "alice");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertNoSecret(r);
        assertThat(valueOf(outside)).isEmpty();

        etcd.etcdctl("put", outside, "root-wrote-this").assertOk();
        Cli.Result get = cli().env("GOOETCD_PASSWORD", PASSWORD).run("get", outside, "--user", "alice");
        assertCleanError(get, 1, "permission denied");
        assertThat(get.out()).as(get.toString()).doesNotContain("root-wrote-this");
    }

    @Test
    void noUserAgainstAnAuthEnabledServerExits1(TestPrefix prefix) {
        Cli.Result r = cli().run("put", prefix.key("k"), "v");
        assertCleanError(r, 1, "authentication enabled", "--user");
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }
}
