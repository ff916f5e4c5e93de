package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong password is an answer (exit 1, as {@code get} gives), never "did not answer" (exit 2),
 * in the commands that ask each endpoint on a connection of its own.
 */
class AuthFailureTest {
    private static final String PASSWORD = "bob-S3cret-pw";
    private static final String WRONG = "not-Bobs-pw-42";

    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().rootPassword("root-pw").build();

    @BeforeAll
    static void addBob() {
        etcd.process().addUser("bob", PASSWORD, "/t-");
    }

    private static Cli cli() {
        return Cli.at(etcd.clientUrl()).env("GOOETCD_PASSWORD", WRONG);
    }

    @Test
    void getWithAWrongPasswordExits1() {
        Cli.Result r = cli().run("get", "k", "--user", "bob");
        assertCleanError(r, 1, "authentication failed");
    }

    @Test
    void endpointStatusWithAWrongPasswordExits1LikeGet() {
        Cli.Result r = cli().run("endpoint", "status", "--user", "bob");
        assertCleanError(r, 1, "authentication failed", etcd.clientUrl());
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(WRONG);
    }

    @Test
    void endpointHashkvWithAWrongPasswordExits1() {
        Cli.Result r = cli().run("endpoint", "hashkv", "--user", "bob");
        assertCleanError(r, 1, "authentication failed");
    }

    @Test
    void theRightPasswordStillWorks(TestPrefix prefix) {
        Cli.Result r =
                Cli.at(etcd.clientUrl()).env("GOOETCD_PASSWORD", PASSWORD).run("endpoint", "status", "--user", "bob");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
