package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code -w protobuf} as etcdctl's (issue #15, item 5): the response message as the server sent
 * it, no length prefix, header or newline; a command etcdctl cannot print it for fails with
 * etcdctl's words and exit 4.
 */
class ProtobufOutputTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    /** etcdctl's exit code and standard output as bytes (the kit's result has it as text). */
    private record Raw(int exitCode, byte[] out, String err) {
        @Override
        public String toString() {
            return "etcdctl exit " + exitCode + ", stdout " + HexFormat.of().formatHex(out) + ", stderr " + err;
        }
    }

    private static Raw etcdctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("etcdctl %s finished", cmd)
                .isTrue();
        return new Raw(p.exitValue(), out, new String(err.join()));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void getWritesEtcdctlsBytes(TestPrefix p) throws Exception {
        String k = p.key("k");
        etcd.etcdctl("put", k, "v1").assertOk();
        etcd.etcdctl("put", p.key("k2"), "v2").assertOk();
        // no write between the two reads: same header (member, cluster, revision, raft term)
        for (String[] args : List.of(
                new String[] {"get", k, "-w", "protobuf"},
                new String[] {"get", p.key(""), "--prefix", "-w", "protobuf"},
                new String[] {"get", p.key(""), "--prefix", "--keys-only", "--limit", "1", "-w", "protobuf"},
                new String[] {"get", p.key("missing"), "-w", "protobuf"})) {
            Raw ctl = etcdctl(args);
            Cli.Result goo = cli().run(args);
            assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
            assertThat(goo.exitCode()).as(goo.toString()).isZero();
            assertThat(hex(goo.outBytes()))
                    .as(String.join(" ", args) + "\n" + goo + "\n" + ctl)
                    .isEqualTo(hex(ctl.out()));
        }
    }

    private static ResponseHeader withoutRevision(ResponseHeader h) {
        return h.toBuilder().setRevision(0).build();
    }

    @Test
    void putAndDelWriteEtcdctlsMessages(TestPrefix p) throws Exception {
        Raw ctl = etcdctl("put", p.key("a"), "v", "-w", "protobuf");
        Cli.Result goo = cli().run("put", p.key("b"), "v", "-w", "protobuf");
        assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
        assertThat(goo.exitCode()).as(goo.toString()).isZero();
        PutResponse c = PutResponse.parseFrom(ctl.out());
        PutResponse g = PutResponse.parseFrom(goo.outBytes());
        assertThat(g.getHeader().getRevision())
                .as(goo + "\n" + ctl)
                .isEqualTo(c.getHeader().getRevision() + 1);
        assertThat(g.toBuilder().setHeader(withoutRevision(g.getHeader())).build())
                .as(goo + "\n" + ctl)
                .isEqualTo(
                        c.toBuilder().setHeader(withoutRevision(c.getHeader())).build());

        ctl = etcdctl("del", p.key("a"), "--prev-kv", "-w", "protobuf");
        goo = cli().run("del", p.key("b"), "--prev-kv", "-w", "protobuf");
        assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
        assertThat(goo.exitCode()).as(goo.toString()).isZero();
        DeleteRangeResponse cd = DeleteRangeResponse.parseFrom(ctl.out());
        DeleteRangeResponse gd = DeleteRangeResponse.parseFrom(goo.outBytes());
        assertThat(gd.getDeleted())
                .as(goo + "\n" + ctl)
                .isEqualTo(cd.getDeleted())
                .isEqualTo(1);
        assertThat(withoutRevision(gd.getHeader())).as(goo + "\n" + ctl).isEqualTo(withoutRevision(cd.getHeader()));
        assertThat(gd.getPrevKvs(0).getKey().toStringUtf8()).isEqualTo(p.key("b"));
        assertThat(gd.getPrevKvs(0).getValue()).isEqualTo(cd.getPrevKvs(0).getValue());
        assertThat(gd.getPrevKvs(0).getModRevision())
                .as(goo + "\n" + ctl)
                .isEqualTo(cd.getPrevKvs(0).getModRevision() + 1);
        assertThat(gd.getPrevKvs(0).getVersion()).isEqualTo(cd.getPrevKvs(0).getVersion());
    }

    @Test
    void aCommandEtcdctlCannotPrintItForFailsAsEtcdctl() throws Exception {
        Raw ctl = etcdctl("endpoint", "status", "-w", "protobuf");
        Cli.Result goo = cli().run("endpoint", "status", "-w", "protobuf");
        assertThat(goo.exitCode())
                .as(goo + "\n" + ctl)
                .isEqualTo(ctl.exitCode())
                .isEqualTo(4);
        assertThat(goo.err()).as(goo.toString()).isEqualTo("Error: protobuf not supported as output format\n");
        assertThat(goo.out()).as(goo.toString()).isEmpty();
    }

    @Test
    void putWithATtlIsRefused(TestPrefix p) {
        Cli.Result goo = cli().run("put", p.key("t"), "v", "--ttl", "60s", "-w", "protobuf");
        assertThat(goo.exitCode()).as(goo.toString()).isEqualTo(4);
        assertThat(cli().run("get", p.key("t")).out()).isEmpty();
    }
}
