package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.EtcdctlResult;
import io.googo.etcd.testkit.TestPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code user} and {@code role} against the real etcdctl on the same server (auth not enabled, so that
 * both tools may administer it): each step is run by etcdctl on its own names and by gooetcd on its
 * own, and stdout (with the names swapped) and the exit code must be equal, byte for byte.
 */
class AuthCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    /** The names one tool works on: {@code @U}, {@code @U2}… and {@code @R} in a step stand for them. */
    private record Side(String tag, String id) {
        String user() {
            return tag + "u" + id;
        }

        String role() {
            return tag + "r" + id;
        }

        String[] args(String... step) {
            List<String> a = new ArrayList<>();
            for (String s : step) {
                a.add(s.replace("@U", user()).replace("@R", role()));
            }
            return a.toArray(new String[0]);
        }
    }

    private static String id(TestPrefix p) {
        return p.value().replaceAll("[^0-9a-f]", "");
    }

    /** Runs {@code step} with both tools ({@code -w json} is etcdctl-json for gooetcd) and compares. */
    private static Cli.Result piped(Side ctl, Side goo, String stdin, String... step) {
        String[] c = ctl.args(step);
        EtcdctlResult cr = stdin == null ? etcd.etcdctl(c) : etcd.process().etcdctlWithInput(stdin, c);
        String[] g = goo.args(step);
        for (int i = 0; i < g.length; i++) {
            if (g[i].equals("json") && i > 0 && g[i - 1].equals("-w")) {
                g[i] = "etcdctl-json";
            }
        }
        Cli.Result gr = stdin == null ? cli().run(g) : cli().stdin(stdin).run(g);
        String what = "step " + String.join(" ", step) + "\ngooetcd:\n" + gr + "\netcdctl:\n" + cr;
        assertThat(gr.exitCode()).as(what).isEqualTo(cr.exitCode());
        String expected = cr.stdout().replace(ctl.user(), goo.user()).replace(ctl.role(), goo.role());
        assertThat(gr.outBytes()).as(what).containsExactly(expected.getBytes(StandardCharsets.UTF_8));
        if (cr.exitCode() != 0) {
            assertCleanError(gr, cr.exitCode());
        }
        return gr;
    }

    private static Cli.Result same(Side ctl, Side goo, String... step) {
        return piped(ctl, goo, null, step);
    }

    @Test
    void rolesAndPermissionsAsEtcdctl(TestPrefix p) {
        Side c = new Side("c", id(p));
        Side g = new Side("g", id(p));
        same(c, g, "role", "add", "@R");
        same(c, g, "role", "add", "@R"); // exists: 1
        same(c, g, "role", "grant-permission", "@R", "read", "/a");
        same(c, g, "role", "grant-permission", "@R", "write", "/b", "/c");
        same(c, g, "role", "grant-permission", "@R", "readwrite", "/p", "--prefix");
        same(c, g, "role", "grant-permission", "@R", "read", "/f", "--from-key");
        same(c, g, "role", "grant-permission", "@R", "READ", "");
        same(c, g, "role", "grant-permission", "@R", "readwrite", "", "--prefix");
        same(c, g, "role", "grant-permission", "@R", "Write", "/\u00e9t\u00e9", "--prefix");
        same(c, g, "role", "get", "@R");
        same(c, g, "role", "get", "@R", "-w", "json");
        same(c, g, "role", "get", "@R", "-w", "fields");
        // usage errors: 128 in both
        same(c, g, "role", "grant-permission", "@R", "bogus", "/x");
        same(c, g, "role", "grant-permission", "@R", "read", "/x", "--prefix", "--from-key");
        same(c, g, "role", "grant-permission", "@R", "read", "/x", "/y", "--prefix");
        same(c, g, "role", "grant-permission", "@R", "read", "/x", "/y", "--from-key");
        same(c, g, "role", "grant-permission", "@R", "read");
        // revokes, as granted; the sentence names what was given
        same(c, g, "role", "revoke-permission", "@R", "/a");
        same(c, g, "role", "revoke-permission", "@R", "/b", "/c");
        same(c, g, "role", "revoke-permission", "@R", "/p", "--prefix", "-w", "json");
        same(c, g, "role", "revoke-permission", "@R", "/f", "--from-key");
        same(c, g, "role", "revoke-permission", "@R", "", "--prefix", "-w", "fields");
        same(c, g, "role", "revoke-permission", "@R", "/\u00e9t\u00e9", "--prefix");
        same(c, g, "role", "revoke-permission", "@R", "/nothing"); // not granted: 1
        same(c, g, "role", "get", "@R");
        same(c, g, "role", "get", "nobody-" + id(p)); // 1
        same(c, g, "role", "delete", "@R");
        same(c, g, "role", "delete", "@R"); // gone: 1
        same(c, g, "role", "add", "@R", "-w", "json");
        same(c, g, "role", "delete", "@R", "-w", "fields");
    }

    @Test
    void usersAsEtcdctl(TestPrefix p) {
        Side c = new Side("c", id(p));
        Side g = new Side("g", id(p));
        same(c, g, "role", "add", "@R");
        same(c, g, "role", "grant-permission", "@R", "readwrite", "/app/", "--prefix");
        same(c, g, "user", "add", "@U:pw-1");
        same(c, g, "user", "add", "@U:pw-1"); // exists: 1
        same(c, g, "user", "add", "@U2", "--new-user-password=pw-2");
        same(c, g, "user", "add", "@U3", "--no-password", "-w", "json");
        same(c, g, "user", "add", ":pw"); // 128
        same(c, g, "user", "add", "@U4", "--interactive=false", "-w", "fields").exitCode();
        same(c, g, "user", "get", "@U");
        same(c, g, "user", "get", "@U", "-w", "json");
        same(c, g, "user", "grant-role", "@U", "@R");
        same(c, g, "user", "grant-role", "@U", "nobody-" + id(p)); // 1
        same(c, g, "user", "grant-role", "nobody-" + id(p), "@R"); // 1
        same(c, g, "user", "get", "@U");
        same(c, g, "user", "get", "@U", "-w", "json");
        same(c, g, "user", "get", "@U", "--detail");
        same(c, g, "user", "get", "@U", "--detail", "-w", "json");
        same(c, g, "user", "get", "nobody-" + id(p)); // 1
        same(c, g, "user", "revoke-role", "@U", "@R");
        same(c, g, "user", "revoke-role", "@U", "@R"); // not granted: 1
        same(c, g, "user", "grant-role", "@U2", "@R", "-w", "json");
        same(c, g, "user", "revoke-role", "@U2", "@R", "-w", "fields");
        same(c, g, "user", "delete", "@U");
        same(c, g, "user", "delete", "@U"); // gone: 1
        same(c, g, "user", "delete", "@U2", "-w", "json");
        same(c, g, "user", "delete", "@U3");
        same(c, g, "user", "delete", "@U4");
        same(c, g, "role", "delete", "@R");
    }

    @Test
    void passwordsFromStandardInputAsEtcdctl(TestPrefix p) {
        Side c = new Side("c", id(p));
        Side g = new Side("g", id(p));
        // not a terminal: the prompts go to stdout and each line of stdin is an answer
        piped(c, g, "pw-a\npw-a\n", "user", "add", "@U");
        piped(c, g, "pw-b\r\npw-b\n", "user", "add", "@U2");
        piped(c, g, "pw-a\npw-x\n", "user", "add", "@U3"); // different: 128
        piped(c, g, "\n", "user", "add", "@U3"); // empty: 128
        piped(c, g, "", "user", "add", "@U3"); // empty: 128
        piped(c, g, "new-pw\nnew-pw\n", "user", "passwd", "@U");
        piped(c, g, "new-pw\nnew-px\n", "user", "passwd", "@U", "-w", "json");
        // --interactive=false: the first word of stdin
        piped(c, g, "  word-pw rest\n", "user", "passwd", "@U2", "--interactive=false");
        piped(c, g, "x\n", "user", "passwd", "nobody-" + id(p), "--interactive=false"); // 1
        // "--interactive false": etcdctl takes false for a second name (128); gooetcd takes it as the value
        Cli.Result r = cli().stdin("w-pw\n").run(g.args("user", "add", "@U3", "--interactive", "false"));
        assertThat(r.out()).as(r.toString()).isEqualTo("User " + g.user() + "3 created\n");
    }

    @Test
    void aPasswordThatIsNotUtf8Exits3AndNothingIsAdded(TestPrefix p) {
        Side g = new Side("g", id(p));
        byte[] in = {'p', (byte) 0xff, 'w', '\n', 'p', (byte) 0xff, 'w', '\n'};
        Cli.Result r = cli().stdin(in).run(g.args("user", "add", "@U"));
        assertCleanError(r, 3, "UTF-8");
        Cli.Result r2 = cli().stdin(in).run(g.args("user", "add", "@U", "--interactive=false"));
        assertCleanError(r2, 3, "UTF-8");
        assertThat(etcd.etcdctl("user", "get", g.user()).exitCode()).isEqualTo(1);
    }

    @Test
    void listsAsEtcdctl() {
        for (String[] step : List.of(new String[] {"user", "list"}, new String[] {"role", "list"}, new String[] {
            "role", "list", "-w", "fields"
        })) {
            EtcdctlResult cr = etcd.etcdctl(step);
            Cli.Result gr = cli().run(step);
            assertThat(gr.outBytes())
                    .as(gr + "\netcdctl:\n" + cr)
                    .containsExactly(cr.stdout().getBytes(StandardCharsets.UTF_8));
        }
        EtcdctlResult cr = etcd.etcdctl("user", "list", "-w", "json");
        Cli.Result gr = cli().run("user", "list", "-w", "etcdctl-json");
        assertThat(gr.out()).as(gr + "\netcdctl:\n" + cr).isEqualTo(cr.stdout());
    }

    @Test
    void readableJsonAndTables(TestPrefix p) {
        String role = "jr" + id(p);
        String user = "ju" + id(p);
        etcd.etcdctl("role", "add", role).assertOk();
        etcd.etcdctl("role", "grant-permission", role, "readwrite", "/p", "--prefix")
                .assertOk();
        etcd.etcdctl("role", "grant-permission", role, "read", "/k").assertOk();
        etcd.etcdctl("user", "add", user + ":pw").assertOk();
        etcd.etcdctl("user", "grant-role", user, role).assertOk();

        Cli.Result j = cli().run("role", "get", role, "-w", "json");
        assertThat(j.exitCode()).as(j.toString()).isZero();
        assertThat(j.out())
                .as(j.toString())
                .contains(
                        "\"role\":\"" + role + "\"",
                        "{\"permType\":\"READ\",\"key\":\"/k\",\"range_end\":\"\",\"prefix\":false,\"open_ended\":false}",
                        "{\"permType\":\"READWRITE\",\"key\":\"/p\",\"range_end\":\"/q\",\"prefix\":true,\"open_ended\":false}");
        assertThat(j.out()).as(j.toString()).containsPattern("\"header\":\\{\"cluster_id\":\"[0-9a-f]+\"");

        Cli.Result u = cli().run("user", "get", user, "-w", "json");
        assertThat(u.out()).as(u.toString()).contains("\"user\":\"" + user + "\",\"roles\":[\"" + role + "\"]");

        Cli.Result add = cli().run("user", "add", user + "x:pw", "-w", "json");
        assertThat(add.out())
                .as(add.toString())
                .contains("\"user\":\"" + user + "x\"")
                .doesNotContain("pw\"");

        Cli.Result t = cli().run("role", "get", role, "-w", "table");
        String dashes = "-".repeat(role.length() + 2);
        String pad = " ".repeat(role.length() - 4);
        assertThat(t.out())
                .as(t.toString())
                .isEqualTo("+" + dashes + "+-----------+-----+-------------+\n"
                        + "| ROLE" + pad + " | TYPE      | KEY | RANGE END   |\n"
                        + "+" + dashes + "+-----------+-----+-------------+\n"
                        + "| " + role + " | READ      | /k  |             |\n"
                        + "| " + role + " | READWRITE | /p  | /q (prefix) |\n"
                        + "+" + dashes + "+-----------+-----+-------------+\n");

        Cli.Result lt = cli().run("user", "list", "-w", "table");
        assertThat(lt.out()).as(lt.toString()).startsWith("+--").contains("| USER ", "| " + user + " ");

        Cli.Result unsupported = cli().run("user", "add", user + "y:pw", "-w", "table");
        assertCleanError(unsupported, 4, "table");
        assertThat(etcd.etcdctl("user", "get", user + "y").exitCode())
                .as("nothing added")
                .isEqualTo(1);
        Cli.Result fields = cli().run("user", "get", user, "-w", "fields");
        assertCleanError(fields, 4, "fields");
    }

    @Test
    void authStatusWithAuthDisabled() {
        Cli.Result r = cli().run("auth", "status");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).startsWith("Authentication Status: false\nAuthRevision: ");
        Cli.Result j = cli().run("auth", "status", "-w", "json");
        assertThat(j.out()).as(j.toString()).contains("\"enabled\":false");
    }

    @Test
    void authDisableWhenDisabledPrintsEtcdctlsSentenceInEveryFormat() {
        for (String[] w : List.of(
                new String[] {"simple", "simple"},
                new String[] {"json", "etcdctl-json"},
                new String[] {"fields", "fields"},
                new String[] {"table", "table"})) {
            EtcdctlResult cr = etcd.etcdctl("auth", "disable", "-w", w[0]).assertOk();
            Cli.Result gr = cli().run("auth", "disable", "-w", w[1]);
            assertThat(gr.exitCode()).as(gr.toString()).isZero();
            assertThat(gr.out())
                    .as(gr + "\netcdctl:\n" + cr)
                    .isEqualTo(cr.stdout())
                    .isEqualTo("Authentication Disabled\n");
        }
        Cli.Result j = cli().run("auth", "disable", "-w", "json");
        assertThat(j.out()).as(j.toString()).contains("\"enabled\":false");
    }

    @Test
    void authEnableWithoutARootUserIsRefusedAsByEtcdctl() {
        EtcdctlResult cr = etcd.etcdctl("auth", "enable");
        Cli.Result gr = cli().run("auth", "enable");
        assertThat(cr.exitCode()).as(cr.toString()).isEqualTo(1);
        assertCleanError(gr, 1, "root user does not exist");
        assertThat(gr.out()).as(gr.toString()).isEmpty();
        assertThat(cli().run("auth", "status").out()).startsWith("Authentication Status: false");
    }
}
