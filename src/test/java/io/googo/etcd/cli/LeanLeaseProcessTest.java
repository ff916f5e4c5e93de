package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease calls go over the direct transport, so the packaged CLI's lease commands (and {@code put --ttl})
 * load no Vert.x class and none of jetcd's client implementation; nor does the {@code register}
 * sidecar, whose key watch is on the direct transport too, and it loads no Jackson class without
 * metadata (counted with -verbose:class through the launcher).
 */
class LeanLeaseProcessTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    static final String LAUNCHER = CliProcessTest.LAUNCHER.toAbsolutePath().toString();
    /** A generous ceiling: a JVM start on a busy machine, interpreted for the sidecar. */
    static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static EtcdClient client;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void connect() {
        client = etcd.newClient("test");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    record Proc(Process process, Path out, Path err) {
        String outText() {
            return read(out);
        }

        String errText() {
            return read(err);
        }

        /** What the process printed, without the class-loading lines. */
        String said() {
            return outText().lines().filter(l -> !l.contains("[class,")).toList() + "\n--- stderr ---\n" + errText();
        }

        List<String> loaded() {
            return loadedClasses(outText());
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout.toSeconds() + " s: " + said());
            }
            return process.exitValue();
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** The classes a -verbose:class log names, in load order. */
    static List<String> loadedClasses(String log) {
        List<String> out = new ArrayList<>();
        for (String l : log.lines().toList()) {
            int i = l.indexOf("[class,load");
            if (i < 0) {
                continue;
            }
            String rest = l.substring(l.indexOf(']', i) + 1).trim();
            int sp = rest.indexOf(' ');
            out.add(sp < 0 ? rest : rest.substring(0, sp));
        }
        return out;
    }

    /** The classes a -verbose:class log says were unloaded. */
    static List<String> unloadedClasses(String log) {
        List<String> out = new ArrayList<>();
        String mark = "unloading class ";
        for (String l : log.lines().toList()) {
            int i = l.indexOf(mark);
            if (l.contains("[class,unload") && i >= 0) {
                String rest = l.substring(i + mark.length()).trim();
                int sp = rest.indexOf(' ');
                out.add(sp < 0 ? rest : rest.substring(0, sp));
            }
        }
        return out;
    }

    /** Vert.x, and jetcd's client implementation (not its response classes, which the direct transport uses). */
    private static List<String> vertxOrJetcdImpl(List<String> classes) {
        return classes.stream()
                .filter(c -> c.startsWith("io.vertx.")
                        || c.startsWith("io.etcd.jetcd.impl.ClientImpl")
                        || c.startsWith("io.etcd.jetcd.impl.ClientConnectionManager")
                        || c.startsWith("io.etcd.jetcd.impl.LeaseImpl"))
                .toList();
    }

    /** Waits for {@code condition}, or for the process to end; fails saying what the process said. */
    private static void await(Proc p, java.util.function.BooleanSupplier condition, String what) {
        Await.until(LONG, () -> condition.getAsBoolean() || !p.process().isAlive(), what);
        assertThat(condition.getAsBoolean()).as(what + ": " + p.said()).isTrue();
    }

    private Proc start(String name, String... args) throws IOException {
        return startAt(etcd.clientUrl(), "30s", name, args);
    }

    private Proc startAt(String endpoints, String timeout, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of(LAUNCHER, "--endpoints", endpoints, "--dial-timeout", timeout, "--command-timeout", timeout));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().put("GOOETCD_CDS", "off");
        pb.environment().put("GOOETCD_JAVA_OPTS", "-verbose:class");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        started.add(p);
        return new Proc(p, out, err);
    }

    private Proc run(String name, String... args) throws Exception {
        Proc p = start(name, args);
        assertThat(p.awaitExit(LONG)).as(name + ": " + p.said()).isZero();
        assertThat(p.loaded()).as(name + ": classes loaded").isNotEmpty();
        assertThat(vertxOrJetcdImpl(p.loaded()))
                .as(name + " loaded Vert.x or jetcd's client: " + p.said())
                .isEmpty();
        return p;
    }

    private static String said(Proc p) {
        return p.outText().lines().filter(l -> !l.contains("[class,")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theLeaseCommandsLoadNoVertxClass(TestPrefix prefix) throws Exception {
        Proc grant = run("grant", "lease", "grant", "60");
        String granted = said(grant);
        assertThat(granted).as(grant.said()).matches("(?s)lease [0-9a-f]+ granted with TTL\\(60s\\)\n");
        String id = granted.split(" ")[1];

        run("put-lease", "put", "--lease", id, prefix.key("k"), "v");
        Proc ttl = run("timetolive", "lease", "timetolive", id, "--keys");
        assertThat(said(ttl)).as(ttl.said()).contains(prefix.key("k"));
        Proc list = run("list", "lease", "list");
        assertThat(said(list)).as(list.said()).contains(id);
        Proc once = run("keep-alive-once", "lease", "keep-alive", "--once", id);
        assertThat(said(once)).as(once.said()).contains("keepalived with TTL(60)");
        run("put-ttl", "put", "--ttl", "30", prefix.key("t"), "v");
        Proc revoke = run("revoke", "lease", "revoke", id);
        assertThat(said(revoke)).as(revoke.said()).contains("revoked");
        assertThat(client.get(prefix.key("k")).kvs()).isEmpty();
    }

    @Test
    void leaseKeepAliveRunsWithoutVertx() throws Exception {
        // renewed every 5 s; a TTL the JVM's start does not outlast on a busy machine
        long id = client.grant(Duration.ofSeconds(15)).id();
        String hex = Long.toHexString(id);
        Proc p = start("keep-alive", "lease", "keep-alive", hex);
        await(p, () -> said(p).lines().filter(l -> l.contains("keepalived")).count() >= 2, "two renewals");
        client.revoke(id);
        assertThat(p.awaitExit(LONG)).as(p.said()).isEqualTo(5);
        assertThat(p.errText()).as(p.said()).contains("expired or revoked");
        assertThat(vertxOrJetcdImpl(p.loaded()))
                .as("lease keep-alive loaded Vert.x or jetcd's client: " + p.said())
                .isEmpty();
    }

    /**
     * The sidecar with an HTTP check: its lease (grant, keep-alive, revoke) and its put go over the
     * direct transport, and so does its key watch ({@code WatchStream}): no Vert.x class and none of
     * jetcd's client implementation at all.
     */
    @Test
    void theSidecarLoadsNoVertxClass(TestPrefix prefix) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        try {
            String pfx = prefix.key("services");
            String key = pfx + "/web/127.0.0.1:1";
            Proc p = start(
                    "register",
                    "register",
                    "web",
                    "127.0.0.1:1",
                    "--prefix",
                    pfx,
                    "--ttl",
                    "3",
                    "--check-http",
                    "http://127.0.0.1:" + http.getAddress().getPort() + "/health",
                    "--check-interval",
                    "200ms");
            await(p, () -> p.errText().contains("registered"), "registered");
            await(p, () -> !client.get(key).kvs().isEmpty(), key + " registered");
            long lease = client.get(key).kvs().get(0).lease();
            long t0 = System.nanoTime();
            // kept alive past its 3 s TTL, on the keeper's own schedule (a third of the TTL)
            await(
                    p,
                    () -> System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(4)
                            && client.timeToLive(lease, false).ttl() > 0,
                    "kept alive past its TTL");
            p.process().toHandle().destroy(); // SIGTERM: revoke, exit 0
            assertThat(p.awaitExit(LONG)).as(p.said()).isZero();
            assertThat(client.get(key).kvs())
                    .as("revoked on SIGTERM; " + p.said())
                    .isEmpty();

            List<String> classes = p.loaded();
            assertThat(classes)
                    .as("the key watch's classes were loaded (else this proves nothing): " + p.said())
                    .contains("io.googo.etcd.core.watch.Watcher", "io.googo.etcd.core.client.WatchStream");
            assertThat(vertxOrJetcdImpl(classes))
                    .as("Vert.x or jetcd's client loaded by the sidecar (" + classes.size() + " classes): " + p.said())
                    .isEmpty();
            assertThat(classes)
                    .as("Jackson's databind, for a value without metadata: " + p.said())
                    .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper");
            assertThat(classes.stream().filter(c -> c.startsWith("com.fasterxml.jackson.")))
                    .as("Jackson at all, for a value without metadata and the log lines: " + p.said())
                    .isEmpty();
        } finally {
            http.stop(0);
        }
    }

    /**
     * The sidecar parses its command line with picocli in a class loader of its own, and drops it
     * before it registers: picocli's classes and the command's are unloaded, but for the three the
     * JVM's verifier of the main class loads (never initialised) in the application's loader. The
     * JDK classes that only picocli's built-in converters ask for are not loaded at all.
     */
    @Test
    void theSidecarUnloadsPicocliOnceParsed(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        String key = pfx + "/api/127.0.0.1:2";
        Proc p = start("register-unload", "register", "api", "127.0.0.1:2", "--prefix", pfx, "--ttl", "5");
        await(p, () -> p.errText().contains("registered"), "registered");
        await(p, () -> !client.get(key).kvs().isEmpty(), key + " registered");

        String log = p.outText();
        List<String> alive = new ArrayList<>(loadedClasses(log));
        for (String gone : unloadedClasses(log)) {
            alive.remove(gone);
        }
        List<String> picocli = loadedClasses(log).stream()
                .filter(c -> c.startsWith("picocli."))
                .toList();
        assertThat(picocli)
                .as("picocli parsed the command line (else this proves nothing): " + p.said())
                .hasSizeGreaterThan(100);
        assertThat(alive.stream().filter(c -> c.startsWith("picocli.")))
                .as("picocli classes still loaded while the sidecar runs: " + p.said())
                .allMatch(c -> List.of(
                                "picocli.CommandLine",
                                "picocli.CommandLine$PicocliException",
                                "picocli.CommandLine$ParameterException")
                        .contains(c));
        assertThat(alive)
                .as("the command's classes, unloaded: " + p.said())
                .doesNotContain(
                        "io.googo.etcd.cli.command.RegisterCommand",
                        "io.googo.etcd.cli.command.BaseCommand",
                        "io.googo.etcd.cli.CommandTree");
        assertThat(alive.stream().filter(c -> c.startsWith("java.sql.")))
                .as("picocli's converters' java.sql classes: " + p.said())
                .isEmpty();
        // nor its java.time converters' types, nor java.time's formatter for the log's timestamps
        assertThat(alive)
                .as("java.time classes for picocli's converters or the log's timestamps: " + p.said())
                .doesNotContain(
                        "java.time.MonthDay",
                        "java.time.YearMonth",
                        "java.time.format.DateTimeFormatter",
                        "java.time.format.DateTimeFormatterBuilder");

        p.process().toHandle().destroy(); // SIGTERM: revoke, exit 0
        assertThat(p.awaitExit(LONG)).as(p.said()).isZero();
        assertThat(p.errText()).as(p.said()).contains("deregistered");
        assertThat(client.get(key).kvs()).as("revoked on SIGTERM; " + p.said()).isEmpty();
    }

    /**
     * The handed-over sidecar (picocli's classes gone) behaves as before when etcd cannot be reached:
     * it keeps trying to register, and on SIGTERM exits 0 with one line saying it was not registered.
     */
    @Test
    void aHandedOverSidecarThatCannotReachEtcdStopsCleanlyOnSigterm() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Proc p = startAt("127.0.0.1:" + closed, "2s", "register-unreachable", "register", "api", "127.0.0.1:2");
        await(
                p,
                () -> unloadedClasses(p.outText()).contains("io.googo.etcd.cli.command.RegisterCommand"),
                "parsed, handed over and the command's classes unloaded");
        assertThat(p.process().isAlive()).as("keeps trying: " + p.said()).isTrue();

        p.process().toHandle().destroy(); // SIGTERM
        assertThat(p.awaitExit(LONG)).as(p.said()).isZero();
        assertThat(p.errText().lines().toList())
                .as(p.said())
                .singleElement()
                .asString()
                .contains("deregistered services/api/127.0.0.1:2 lease=0: was not registered");
    }
}
