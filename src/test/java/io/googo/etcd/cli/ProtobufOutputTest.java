package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.api.WatchResponse;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        return etcdctlWithInput(new byte[0], args);
    }

    private static Raw etcdctlWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + etcd.clientUrl()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
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
    void aReadOnlyTxnWritesEtcdctlsBytes(TestPrefix p) throws Exception {
        etcd.etcdctl("put", p.key("a"), "1").assertOk();
        etcd.etcdctl("put", p.key("b"), "2").assertOk();
        String ok = "value(\"" + p.key("a") + "\") = \"1\"\n\nget " + p.key("a") + "\nget " + p.key("")
                + " --prefix --keys-only\n\nget " + p.key("b") + "\n\n";
        String failing = "version(\"" + p.key("a") + "\") > \"5\"\nmod(\"" + p.key("b") + "\") > \"0\"\n\nget "
                + p.key("a") + "\n\nget " + p.key("b") + " --limit 1 --keys-only\nget " + p.key("zz") + "\n\n";
        // no write between the two runs: the same header (member, cluster, revision, raft term)
        for (String text : List.of(ok, failing)) {
            for (String[] args :
                    List.of(new String[] {"txn", "-w", "protobuf"}, new String[] {"txn", "-i", "-w", "protobuf"})) {
                byte[] in = text.getBytes(StandardCharsets.UTF_8);
                Raw ctl = etcdctlWithInput(in, args);
                Cli.Result goo = cli().stdin(in).run(args);
                assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
                assertThat(goo.exitCode()).as(goo.toString()).isZero();
                assertThat(hex(goo.outBytes()))
                        .as(String.join(" ", args) + "\n" + text + "\n" + goo + "\n" + ctl)
                        .isEqualTo(hex(ctl.out()));
            }
        }
    }

    /** The response with every revision (its own header's and each operation's) set to 0. */
    private static TxnResponse withoutRevisions(TxnResponse r) {
        TxnResponse.Builder b = r.toBuilder().setHeader(withoutRevision(r.getHeader()));
        for (ResponseOp.Builder op : b.getResponsesBuilderList()) {
            if (op.hasResponsePut()) {
                op.getResponsePutBuilder()
                        .setHeader(withoutRevision(op.getResponsePut().getHeader()));
            } else if (op.hasResponseRange()) {
                op.getResponseRangeBuilder()
                        .setHeader(withoutRevision(op.getResponseRange().getHeader()));
            } else if (op.hasResponseDeleteRange()) {
                op.getResponseDeleteRangeBuilder()
                        .setHeader(withoutRevision(op.getResponseDeleteRange().getHeader()));
            }
        }
        return b.build();
    }

    @Test
    void aWritingTxnWritesEtcdctlsMessage(TestPrefix p) throws Exception {
        etcd.etcdctl("put", p.key("same"), "s").assertOk();
        etcd.etcdctl("put", p.key("gone"), "g").assertOk();
        // each run writes the same value to the same key and deletes a key that is then absent: the
        // two answers differ only in their revisions (the second run's are one higher)
        String text = "value(\"" + p.key("same") + "\") = \"s\"\n\nput " + p.key("k") + " v\nget " + p.key("same")
                + "\ndel " + p.key("gone") + "\n\nput " + p.key("f") + " x\n\n";
        for (String[] args :
                List.of(new String[] {"txn", "-w", "protobuf"}, new String[] {"txn", "-i", "-w", "protobuf"})) {
            byte[] in = text.getBytes(StandardCharsets.UTF_8);
            etcd.etcdctl("put", p.key("gone"), "g").assertOk();
            Raw ctl = etcdctlWithInput(in, args);
            etcd.etcdctl("put", p.key("gone"), "g").assertOk();
            Cli.Result goo = cli().stdin(in).run(args);
            assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
            assertThat(goo.exitCode()).as(goo.toString()).isZero();
            int prompts = args.length == 4 ? PROMPTS.length() : 0;
            assertThat(new String(goo.outBytes(), 0, prompts, StandardCharsets.UTF_8))
                    .as(goo + "\n" + ctl)
                    .isEqualTo(new String(ctl.out(), 0, prompts, StandardCharsets.UTF_8))
                    .isEqualTo(args.length == 4 ? PROMPTS : "");
            TxnResponse c = TxnResponse.parseFrom(Arrays.copyOfRange(ctl.out(), prompts, ctl.out().length));
            TxnResponse g = TxnResponse.parseFrom(Arrays.copyOfRange(goo.outBytes(), prompts, goo.outBytes().length));
            String both = String.join(" ", args) + "\n" + goo + "\n" + ctl + "\n" + c + "\n" + g;
            assertThat(c.getSucceeded()).as(both).isTrue();
            assertThat(c.getResponsesCount()).as(both).isEqualTo(3);
            assertThat(g.getHeader().getRevision())
                    .as(both)
                    .isEqualTo(c.getHeader().getRevision() + 2);
            // nothing in our bytes that a re-encoding of the message would not write
            assertThat(hex(g.toByteArray()))
                    .as(both)
                    .isEqualTo(hex(goo.outBytes()).substring(2 * prompts));
            assertThat(withoutRevisions(g)).as(both).isEqualTo(withoutRevisions(c));
        }
    }

    private static final String PROMPTS =
            "compares:\nsuccess requests (get, put, del):\nfailure requests (get, put, del):\n";

    @Test
    void memberListWritesEtcdctlsBytes() throws Exception {
        Raw ctl = etcdctl("member", "list", "-w", "protobuf");
        Cli.Result goo = cli().run("member", "list", "-w", "protobuf");
        assertThat(ctl.exitCode()).as(ctl.toString()).isZero();
        assertThat(goo.exitCode()).as(goo.toString()).isZero();
        assertThat(hex(goo.outBytes())).as(goo + "\n" + ctl).isEqualTo(hex(ctl.out()));
        MemberListResponse m = MemberListResponse.parseFrom(goo.outBytes());
        assertThat(m.getMembersCount()).as(m.toString()).isEqualTo(1);
        assertThat(m.getMembers(0).getClientURLsList()).as(m.toString()).contains(etcd.clientUrl());
    }

    /** etcd's gauge {@code name} from its /metrics page. */
    private static long metric(String name) throws IOException, InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        String page = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(etcd.clientUrl() + "/metrics"))
                                .timeout(java.time.Duration.ofSeconds(10))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return page.lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " on etcd's /metrics"));
    }

    /** A running etcdctl whose standard output is collected as bytes. */
    private static final class RunningEtcdctl {
        final Process process;
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final Thread reader;

        RunningEtcdctl(String... args) throws IOException {
            this(false, args);
        }

        RunningEtcdctl(boolean input, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + etcd.clientUrl()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ETCDCTL_API", "3");
            process = pb.start();
            if (!input) {
                process.getOutputStream().close();
            }
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (var in = process.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (out) {
                            out.write(buf, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process was stopped
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void writeLine(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        byte[] bytes() {
            synchronized (out) {
                return out.toByteArray();
            }
        }
    }

    /**
     * {@code watch -w protobuf}: each response etcdctl prints (header, events with kv and prev_kv), back
     * to back with nothing between them, for live changes: single events, a transaction's two events
     * in one response, deletes, with and without --prev-kv.
     */
    @Test
    void watchWritesEtcdctlsResponses(TestPrefix p) throws Exception {
        long before = noWatchers();
        List<String[]> variants = List.of(
                new String[] {"watch", "--prefix", p.key(""), "-w", "protobuf"},
                new String[] {"watch", "--prefix", p.key(""), "--prev-kv", "-w", "protobuf"});
        List<RunningEtcdctl> ctls = new ArrayList<>();
        List<CompletableFuture<Cli.Result>> goos = new ArrayList<>();
        try {
            for (String[] args : variants) {
                ctls.add(new RunningEtcdctl(args));
                List<String> ours = new ArrayList<>(List.of(args));
                ours.addAll(List.of("--max-events", "5"));
                goos.add(CompletableFuture.supplyAsync(() -> cli().run(ours.toArray(new String[0])), r -> {
                    Thread t = new Thread(r, "watch-protobuf");
                    t.setDaemon(true);
                    t.start();
                }));
            }
            // all four watches live (created, none catching up) before the first write: etcd then
            // sends each revision's events as one response whose header revision is that revision
            io.googo.etcd.testkit.Await.until(
                    java.time.Duration.ofSeconds(90),
                    () -> {
                        if (goos.stream().anyMatch(CompletableFuture::isDone)) {
                            return true; // ours ended early: said below
                        }
                        try {
                            return metric("etcd_debugging_mvcc_watcher_total") >= before + 4
                                    && metric("etcd_debugging_mvcc_slow_watcher_total") == 0;
                        } catch (IOException | InterruptedException e) {
                            return false;
                        }
                    },
                    "the four watches to be created (" + before + " watchers before)");
            for (CompletableFuture<Cli.Result> g : goos) {
                assertThat(g.isDone())
                        .as(() -> "our watch ended before any change: " + g.join())
                        .isFalse();
            }
            etcd.etcdctl("put", p.key("a"), "1").assertOk();
            etcd.etcdctl("put", p.key("a"), "2").assertOk();
            Raw txn = etcdctlWithInput(
                    ("\nput " + p.key("b") + " 3\ndel " + p.key("a") + "\n\n\n").getBytes(StandardCharsets.UTF_8),
                    "txn");
            assertThat(txn.exitCode()).as(txn.toString()).isZero();
            etcd.etcdctl("del", p.key("b")).assertOk();
            for (int i = 0; i < variants.size(); i++) {
                String what = String.join(" ", variants.get(i));
                Cli.Result goo = goos.get(i).get(90, TimeUnit.SECONDS);
                assertThat(goo.exitCode()).as(what + "\n" + goo).isZero();
                RunningEtcdctl ctl = ctls.get(i);
                io.googo.etcd.testkit.Await.until(
                        java.time.Duration.ofSeconds(60),
                        () -> ctl.bytes().length >= goo.outBytes().length,
                        what + ": etcdctl's output to be as long as ours (" + hex(goo.outBytes()) + "), has "
                                + hex(ctl.bytes()));
                assertThat(hex(goo.outBytes()))
                        .as(what + "\n" + goo + "\netcdctl: " + hex(ctl.bytes()))
                        .isEqualTo(hex(ctl.bytes()));
                // four responses: put, put, the transaction's put and delete, delete
                assertThat(WatchResponse.parseFrom(goo.outBytes()).getEventsCount())
                        .as(what)
                        .isEqualTo(5);
            }
        } finally {
            for (RunningEtcdctl c : ctls) {
                c.process.destroy();
            }
        }
    }

    /** Waits until the watches of the tests before have left this class's etcd; returns 0. */
    private static long noWatchers() {
        io.googo.etcd.testkit.Await.until(
                java.time.Duration.ofSeconds(60),
                () -> {
                    try {
                        return metric("etcd_debugging_mvcc_watcher_total") == 0;
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                },
                "no watcher left from the tests before");
        return 0;
    }

    /** Waits until etcd counts {@code n} watchers, none of them catching up. */
    private static void awaitWatchers(long n, String what) {
        io.googo.etcd.testkit.Await.until(
                java.time.Duration.ofSeconds(90),
                () -> {
                    try {
                        return metric("etcd_debugging_mvcc_watcher_total") >= n
                                && metric("etcd_debugging_mvcc_slow_watcher_total") == 0;
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                },
                what);
    }

    /**
     * {@code watch -i -w protobuf}: a {@code progress} line is answered as etcdctl answers it, its
     * {@code progress notify: REV} line, then a response with the header alone; then a change.
     */
    @Test
    void interactiveProgressIsEtcdctls(TestPrefix p) throws Exception {
        long before = noWatchers();
        RunningEtcdctl ctl = new RunningEtcdctl(true, "watch", "-i", "-w", "protobuf");
        try (LiveCli goo =
                LiveCli.start("watch", "-i", "-w", "protobuf", "--max-events", "1", "--endpoints", etcd.clientUrl())) {
            ctl.writeLine("watch " + p.key("k"));
            goo.writeLine("watch " + p.key("k"));
            awaitWatchers(before + 2, "both watches to be created (" + before + " watchers before)");
            ctl.writeLine("progress");
            goo.writeLine("progress");
            io.googo.etcd.testkit.Await.until(
                    java.time.Duration.ofSeconds(60),
                    () -> goo.out().contains("progress notify: ") && ctl.bytes().length > 0,
                    "both to answer 'progress'; ours: " + goo + "; etcdctl's: " + hex(ctl.bytes()));
            etcd.etcdctl("put", p.key("k"), "v").assertOk();
            assertThat(goo.exitCode(java.time.Duration.ofSeconds(60)))
                    .as(goo.toString())
                    .isZero();
            byte[] ours = goo.outBytes();
            io.googo.etcd.testkit.Await.until(
                    java.time.Duration.ofSeconds(60),
                    () -> ctl.bytes().length >= ours.length,
                    "etcdctl's output to be as long as ours (" + hex(ours) + "), has " + hex(ctl.bytes()));
            assertThat(hex(ours)).as(goo + "\netcdctl: " + hex(ctl.bytes())).isEqualTo(hex(ctl.bytes()));
            assertThat(new String(ours, StandardCharsets.ISO_8859_1)).startsWith("progress notify: ");
        } finally {
            ctl.process.destroy();
        }
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
