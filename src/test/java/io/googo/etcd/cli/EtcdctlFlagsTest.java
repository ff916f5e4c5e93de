package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcdctl's global flags that gooetcd lacked (issue #15, item 5), each compared with what
 * etcdctl 3.4.23 does with the same flag on the same server.
 */
class EtcdctlFlagsTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    @Test
    void keepaliveFlagsAreAcceptedAsInEtcdctl(TestPrefix p) throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        String theirs = etcd.etcdctl("--keepalive-time", "2s", "--keepalive-timeout", "6s", "get", k)
                .assertOk()
                .stdout();
        Cli.Result ours = cli().run("--keepalive-time", "2s", "--keepalive-timeout", "6s", "get", k);
        assertThat(ours.exitCode()).as(ours.toString()).isZero();
        assertThat(ours.out()).as(ours.toString()).isEqualTo(theirs);
        Cli.Result after = cli().run("get", k, "--keepalive-time=1m30s", "--keepalive-timeout=500ms");
        assertThat(after.exitCode()).as("after the command name too: " + after).isZero();
        Cli.Result env = cli().env("ETCDCTL_KEEPALIVE_TIME", "2s")
                .env("GOOETCD_KEEPALIVE_TIMEOUT", "6s")
                .run("get", k);
        assertThat(env.exitCode()).as(env.toString()).isZero();
    }

    @Test
    void aBadKeepaliveDurationIsRefusedLikeABadDialTimeout() {
        Cli.Result dial = cli().run("--dial-timeout", "soon", "get", "k");
        Cli.Result time = cli().run("--keepalive-time", "soon", "get", "k");
        Cli.Result timeout = cli().run("--keepalive-timeout", "0s", "get", "k");
        assertThat(time.exitCode())
                .as(time.toString())
                .isEqualTo(dial.exitCode())
                .isNotZero();
        assertThat(time.err()).as(time.toString()).contains("--keepalive-time");
        assertThat(timeout.exitCode()).as(timeout.toString()).isEqualTo(dial.exitCode());
        Cli.Result env = cli().env("ETCDCTL_KEEPALIVE_TIME", "soon").run("get", "k");
        assertThat(env.exitCode()).as(env.toString()).isEqualTo(3);
        assertThat(env.err()).as(env.toString()).contains("ETCDCTL_KEEPALIVE_TIME");
    }

    @Test
    void hexPrintsKeysAndValuesAsEtcdctlDoes(TestPrefix p) throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v w~").assertOk();
        for (String[] args : new String[][] {
            {"--hex", "get", k},
            {"get", k, "--hex"},
            {"--hex=false", "get", k},
            {"--hex", "get", p.key(""), "--prefix", "--keys-only"},
            {"--hex", "get", k, "--print-value-only"}
        }) {
            String theirs = etcd.etcdctl(args).assertOk().stdout();
            Cli.Result ours = cli().run(args);
            assertThat(ours.exitCode()).as(ours.toString()).isZero();
            assertThat(ours.out()).as(String.join(" ", args) + ": " + ours).isEqualTo(theirs);
        }
        String theirPut =
                etcd.etcdctl("--hex", "put", k, "w", "--prev-kv").assertOk().stdout();
        assertThat(theirPut).isEqualTo("OK\n" + hex(k) + "\n" + hex("v w~") + "\n");
        Cli.Result put = cli().run("--hex", "put", k, "w", "--prev-kv");
        assertThat(put.out()).as(put.toString()).isEqualTo("OK\n" + hex(k) + "\n\\x77\n");
        long rev = Long.parseLong(etcd.etcdctl("get", k, "-w", "fields")
                .assertOk()
                .stdout()
                .replaceAll("(?s).*\"ModRevision\" : (\\d+).*", "$1"));
        Cli.Result watch = cli().run("--hex", "watch", k, "--rev", Long.toString(rev), "--max-events", "1");
        assertThat(watch.out()).as(watch.toString()).isEqualTo("PUT\n" + hex(k) + "\n\\x77\n");
        Cli.Result del = cli().run("--hex", "del", k, "--prev-kv");
        assertThat(del.out()).as(del.toString()).isEqualTo("1\n" + hex(k) + "\n\\x77\n");
    }

    @Test
    void hexComesFromEtcdctlHexAndLeavesJsonAlone(TestPrefix p) throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        Cli.Result env = cli().env("ETCDCTL_HEX", "true").run("get", k);
        assertThat(env.out()).as(env.toString()).isEqualTo(hex(k) + "\n\\x76\n");
        Cli.Result off = cli().env("ETCDCTL_HEX", "true").run("--hex=false", "get", k);
        assertThat(off.out()).as("the flag wins: " + off).isEqualTo(k + "\nv\n");
        Cli.Result own =
                cli().env("ETCDCTL_HEX", "1").env("GOOETCD_HEX", "false").run("get", k);
        assertThat(own.out()).as("GOOETCD_HEX first: " + own).isEqualTo(k + "\nv\n");
        Cli.Result bad = cli().env("ETCDCTL_HEX", "yes").run("get", k);
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.err()).as(bad.toString()).startsWith("Error: ETCDCTL_HEX");
        // etcdctl 3.4.23: --hex changes the simple output only
        String theirs =
                etcd.etcdctl("--hex", "get", k, "-w", "fields").assertOk().stdout();
        Cli.Result fields = cli().run("--hex", "get", k, "-w", "fields");
        assertThat(fields.out()).as(fields.toString()).contains("\"Key\" : \"" + k + "\"");
        assertThat(theirs).contains("\"Key\" : \"" + k + "\"");
        Cli.Result json = cli().run("--hex", "get", k, "-w", "etcdctl-json");
        assertThat(json.out())
                .as(json.toString())
                .isEqualTo(cli().run("get", k, "-w", "etcdctl-json").out());
    }

    @Test
    void aProfileCanSayWhichJsonDashWJsonMeans(TestPrefix p, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v").assertOk();
        java.nio.file.Path config = dir.resolve("config.yaml");
        java.nio.file.Files.writeString(config, """
                current: old
                clusters:
                  old:
                    endpoints: [%s]
                    json: etcdctl
                  new:
                    endpoints: [%s]
                    json: readable
                """.formatted(etcd.clientUrl(), etcd.clientUrl()));
        Cli c = Cli.bare().home(dir).global("--config", config.toString());
        String b64 = java.util.Base64.getEncoder().encodeToString(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Cli.Result old = c.run("get", k, "-w", "json");
        assertThat(old.exitCode()).as(old.toString()).isZero();
        assertThat(old.out()).as("json: etcdctl -> etcdctl's JSON: " + old).contains("\"key\":\"" + b64 + "\"");
        Cli.Result own = c.run("-c", "new", "get", k, "-w", "json");
        assertThat(own.out()).as("json: readable -> ours: " + own).contains(k).doesNotContain(b64);
        Cli.Result env = c.env("GOOETCD_WRITE_OUT", "json").run("get", k);
        assertThat(env.out())
                .as("GOOETCD_WRITE_OUT=json follows the profile too: " + env)
                .contains(b64);

        java.nio.file.Files.writeString(config, """
                clusters:
                  old:
                    endpoints: [%s]
                    json: etcd
                """.formatted(etcd.clientUrl()));
        Cli.Result bad =
                Cli.bare().home(dir).global("--config", config.toString()).run("get", k, "-w", "json");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.err())
                .as(bad.toString())
                .contains("json must be etcdctl or readable")
                .contains(":4:");
        java.nio.file.Files.writeString(config, """
                clusters:
                  old:
                    endpoints: [%s]
                    jsn: etcdctl
                """.formatted(etcd.clientUrl()));
        Cli.Result typo =
                Cli.bare().home(dir).global("--config", config.toString()).run("get", k);
        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(3);
        assertThat(typo.err()).as(typo.toString()).contains("json");
    }

    private static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }
}
