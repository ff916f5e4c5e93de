package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Administering auth with gooetcd alone, on a server of its own: the root user, a role with a prefix, a
 * user, enabling auth (etcd refuses without root; the root role is made as etcdctl makes it), using the
 * cluster as the new user, and disabling auth again.
 */
class AuthEnableTest {
    private static final String ROOT_PW = "r00t-Pw-enable";
    private static final String APP_PW = "app-Pw-enable";

    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static Cli.Result ok(Cli.Result r, String out) {
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo(out);
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(ROOT_PW).doesNotContain(APP_PW);
        return r;
    }

    @Test
    void enableUseAndDisable(TestPrefix p) {
        String root = "--user=root:" + ROOT_PW;
        assertCleanError(cli().run("auth", "enable"), 1, "root user does not exist");
        ok(cli().run("user", "add", "root", "--new-user-password=" + ROOT_PW), "User root created\n");
        ok(cli().run("role", "add", "app"), "Role app created\n");
        ok(cli().run("role", "grant-permission", "app", "readwrite", p.value(), "--prefix"), "Role app updated\n");
        ok(
                cli().stdin(APP_PW + "\n" + APP_PW + "\n").run("user", "add", "app"),
                "Password of app: \nType password of app again for confirmation: \nUser app created\n");
        ok(cli().run("user", "grant-role", "app", "app"), "Role app is granted to user app\n");

        ok(cli().run("auth", "enable"), "Authentication Enabled\n");
        try {
            // the root role was made and granted, as etcdctl does
            ok(cli().run(root, "user", "get", "root"), "User: root\nRoles: root\n");
            Cli.Result status = cli().run(root, "auth", "status");
            assertThat(status.out()).as(status.toString()).startsWith("Authentication Status: true\n");
            // without credentials: refused
            assertCleanError(cli().run("user", "list"), 1, "authentication enabled");

            // the new user works within its prefix, and nowhere else
            ok(cli().run("--user=app:" + APP_PW, "put", p.key("k"), "v"), "OK\n");
            assertThat(etcd.process()
                            .etcdctlRaw("--user=root:" + ROOT_PW, "get", p.key("k"), "--print-value-only")
                            .assertOk()
                            .out())
                    .isEqualTo("v");
            assertCleanError(cli().run("--user=app:" + APP_PW, "put", "/elsewhere", "v"), 1, "permission denied");
            assertCleanError(cli().run("--user=app:" + APP_PW, "user", "list"), 1, "permission denied");
            assertCleanError(cli().run("--user=app:" + APP_PW, "auth", "disable"), 1, "permission denied");
            Cli.Result wrong = cli().run("--user=app:wrong-" + APP_PW, "get", p.key("k"));
            assertCleanError(wrong, 1, "authentication failed");
            assertThat(wrong.err()).as(wrong.toString()).doesNotContain(APP_PW);
            assertCleanError(cli().run(root, "user", "get", "nobody"), 1, "user name not found");
            assertCleanError(cli().run(root, "role", "get", "nobody"), 1, "role name not found");

            // a password changed as root is the one that works
            ok(
                    cli().stdin("new-" + APP_PW + "\n").run(root, "user", "passwd", "app", "--interactive=false"),
                    "Password updated\n");
            ok(cli().run("--user=app:new-" + APP_PW, "get", p.key("k"), "--print-value-only"), "v\n");
        } finally {
            Cli.Result off = cli().run(root, "auth", "disable");
            ok(off, "Authentication Disabled\n");
        }
        Cli.Result status = cli().run("auth", "status");
        assertThat(status.out()).as(status.toString()).startsWith("Authentication Status: false\n");
    }
}
