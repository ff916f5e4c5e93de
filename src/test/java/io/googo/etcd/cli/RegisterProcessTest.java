package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Kv;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code register} as a real process of the packaged CLI (the sidecar), and {@code discover --watch}
 * in-process: naming format, SIGTERM, a revoked lease or deleted key, health checks.
 */
class RegisterProcessTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    static final String LAUNCHER = CliProcessTest.LAUNCHER.toAbsolutePath().toString();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TTL = Duration.ofSeconds(2);
    /**
     * A generous ceiling for what does not measure a promise of register's (starting the JVM,
     * logging, exiting): waits end as soon as their condition holds, so a busy machine only
     * makes them longer, not failing.
     */
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

    record Proc(Process process, Path err) {
        String errText() {
            try {
                return Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String l : errText().lines().toList()) {
                try {
                    out.add(JSON.readTree(l));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + l + "\n" + this);
                }
            }
            return out;
        }

        List<String> eventNames() {
            return events().stream().map(e -> e.get("event").asText()).toList();
        }

        void terminate() {
            process.toHandle().destroy(); // SIGTERM
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout.toSeconds() + " s: " + this);
            }
            return process.exitValue();
        }

        @Override
        public String toString() {
            return "pid " + process.pid() + "\n--- stderr ---\n" + errText();
        }
    }

    private Proc register(String name, String... args) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of(LAUNCHER, "--endpoints", etcd.clientUrl(), "-w", "json", "register"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GOOETCD_") || k.startsWith("ETCDCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GOOETCD_CDS", "off");
        pb.environment().remove("XDG_CONFIG_HOME");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        started.add(p);
        return new Proc(p, err);
    }

    private static Optional<Kv> kv(String key) {
        GetResult r = client.get(key);
        return r.kvs().isEmpty() ? Optional.empty() : Optional.of(r.kvs().get(0));
    }

    private static Kv awaitKey(String key, Duration timeout, Proc p, long notLease) {
        return Await.untilPresent(
                timeout,
                () -> kv(key).filter(k -> k.lease() != notLease),
                key + " registered (on a lease other than " + Long.toHexString(notLease) + ") by " + p);
    }

    @Test
    void registersInEtcdsNamingFormatAndSigtermRemovesTheKeyAtOnce(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        String key = pfx + "/web/10.0.0.5:8080";
        // a TTL long enough that only the revoke on SIGTERM, not expiry, removes the key in time
        Proc p = register(
                "reg",
                "web",
                "10.0.0.5:8080",
                "--prefix",
                pfx,
                "--ttl",
                "60s",
                "--metadata",
                "{\"version\":\"1.4.2\",\"zone\":\"a\"}");
        Kv kv = awaitKey(key, LONG, p, 0);
        assertThat(JSON.readTree(kv.value()))
                .isEqualTo(JSON.readTree(
                        "{\"Op\":0,\"Addr\":\"10.0.0.5:8080\",\"Metadata\":{\"version\":\"1.4.2\",\"zone\":\"a\"}}"));
        assertThat(kv.lease()).isNotZero();
        assertThat(client.timeToLive(kv.lease(), false).grantedTtl()).isEqualTo(60);
        Await.until(LONG, () -> p.eventNames().contains("registered"), "registered logged");
        JsonNode first = p.events().get(0);
        assertThat(first.get("key").asText()).isEqualTo(key);
        assertThat(first.get("lease").asText()).isEqualTo(String.format("%016x", kv.lease()));
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        long t0 = System.nanoTime();
        p.terminate();
        // at once: 1 s on a quiet machine; 15 s allows for a busy one and is still far from the 60 s TTL
        Await.until(Duration.ofSeconds(15), () -> kv(key).isEmpty(), "key gone soon after SIGTERM; " + p);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(15));
        assertThat(p.awaitExit(LONG)).as(p.toString()).isZero();
        assertThat(p.eventNames()).as(p.toString()).containsExactly("registered", "deregistered");
        assertThat(Files.readString(dir.resolve("reg.out"))).isEmpty();
    }

    @Test
    void comesBackAfterItsLeaseIsRevokedOrItsKeyDeleted(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        String key = pfx + "/api/10.0.0.6:80";
        Proc p = register("reg", "api", "10.0.0.6:80", "--prefix", pfx, "--ttl", "2");
        Kv first = awaitKey(key, LONG, p, 0);
        Await.until(LONG, () -> p.eventNames().contains("registered"), "registered; " + p);

        client.revoke(first.lease());
        Kv second = awaitKey(key, TTL, p, first.lease());

        client.delete(key);
        Kv third = awaitKey(key, TTL, p, second.lease());
        assertThat(third.lease()).isNotEqualTo(first.lease());
        Await.until(Duration.ofSeconds(5), () -> p.eventNames().size() >= 5, "five events; " + p);
        assertThat(p.eventNames())
                .as(p.toString())
                .containsExactly("registered", "lease-lost", "re-registered", "lease-lost", "re-registered");
        // the deleted key's old lease is revoked, not left behind
        Await.until(TTL, () -> client.timeToLive(second.lease(), false).ttl() <= 0, "old lease revoked");

        p.terminate();
        assertThat(p.awaitExit(LONG)).as(p.toString()).isZero();
        assertThat(kv(key)).isEmpty();
    }

    @Test
    void anHttpCheckWithdrawsAndRestoresTheKey(TestPrefix prefix) throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", ex -> {
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        http.start();
        try {
            String pfx = prefix.key("services");
            String key = pfx + "/web/127.0.0.1:1";
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
            Proc p = register(
                    "reg",
                    "web",
                    "127.0.0.1:1",
                    "--prefix",
                    pfx,
                    "--ttl",
                    "3",
                    "--check-http",
                    url,
                    "--check-interval",
                    "200ms",
                    "--check-failures",
                    "2");
            awaitKey(key, LONG, p, 0);
            status.set(500);
            Await.until(Duration.ofSeconds(3), () -> kv(key).isEmpty(), "key withdrawn; " + p);
            status.set(200);
            awaitKey(key, Duration.ofSeconds(3), p, 0);
            Await.until(Duration.ofSeconds(3), () -> p.eventNames().size() >= 4, "four events; " + p);
            assertThat(p.eventNames())
                    .as(p.toString())
                    .containsExactly("registered", "unhealthy", "healthy", "re-registered");
            p.terminate();
            assertThat(p.awaitExit(LONG)).as(p.toString()).isZero();
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aFailingCommandCheckNeverRegisters(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        Proc p = register(
                "reg",
                "web",
                "127.0.0.1:2",
                "--prefix",
                pfx,
                "--check-cmd",
                "false",
                "--check-interval",
                "100ms",
                "--check-failures",
                "2");
        Await.until(LONG, () -> p.eventNames().contains("unhealthy"), "unhealthy; " + p);
        assertThat(client.get(
                                (pfx + "/").getBytes(StandardCharsets.UTF_8),
                                io.googo.etcd.core.kv.GetOptions.builder()
                                        .prefix(true)
                                        .build())
                        .count())
                .isZero();
        p.terminate();
        assertThat(p.awaitExit(LONG)).as(p.toString()).isZero();
        assertThat(p.eventNames()).as(p.toString()).containsExactly("unhealthy", "deregistered");
    }

    /** The launcher's lean memory settings are for the sidecar's JVM: its check commands do not inherit them. */
    @Test
    void theSidecarsMallocSettingIsNotPassedToItsCheckCommand(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        Path env = dir.resolve("check.env");
        Proc p = register(
                "lean",
                "web",
                "127.0.0.1:2",
                "--prefix",
                pfx,
                "--check-cmd",
                "env > " + env,
                "--check-interval",
                "200ms");
        Await.until(
                Duration.ofSeconds(30),
                () -> p.eventNames().contains("registered") && Files.exists(env),
                "registered, and the check run once; " + p);
        String jvm = Files.readString(Path.of("/proc/" + p.process().pid() + "/environ"), StandardCharsets.ISO_8859_1);
        assertThat(jvm)
                .as("the sidecar's JVM (the launcher execs it) has the setting; " + p)
                .contains("MALLOC_ARENA_MAX=2\0");
        Await.until(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        return Files.readString(env).contains("PATH=");
                    } catch (IOException e) {
                        return false;
                    }
                },
                "the check command's environment written; " + p);
        assertThat(Files.readString(env)).as("the check command's environment").doesNotContain("MALLOC_ARENA_MAX");
        p.terminate();
        assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.toString()).isZero();
    }

    @Test
    void discoverWatchShowsAddAddRemove(TestPrefix prefix) throws Exception {
        String pfx = prefix.key("services");
        try (LiveCli d = LiveCli.start(
                "--endpoints", etcd.clientUrl(), "discover", "svc", "--prefix", pfx, "--watch", "-w", "json")) {
            d.awaitOut(LONG, o -> o.contains("\"instances\":[]"), "empty list");
            Proc a = register("a", "svc", "10.0.0.1:1", "--prefix", pfx, "--ttl", "2");
            d.awaitOut(LONG, o -> o.contains("10.0.0.1:1"), "first add");
            Proc b = register("b", "svc", "10.0.0.2:2", "--prefix", pfx, "--ttl", "2", "--metadata", "[1,2]");
            d.awaitOut(LONG, o -> o.contains("10.0.0.2:2"), "second add");
            a.terminate();
            d.awaitOut(Duration.ofSeconds(5), o -> o.contains("\"remove\""), "remove");
            List<JsonNode> events = new ArrayList<>();
            for (String l : d.lines().subList(1, d.lines().size())) {
                events.add(JSON.readTree(l));
            }
            assertThat(events)
                    .extracting(
                            e -> e.get("type").asText() + " " + e.get("addr").asText())
                    .as(d.toString())
                    .containsExactly("add 10.0.0.1:1", "add 10.0.0.2:2", "remove 10.0.0.1:1");
            assertThat(events.get(1).get("metadata")).isEqualTo(JSON.readTree("[1,2]"));
            assertThat(a.awaitExit(LONG)).isZero();
            b.terminate();
            assertThat(b.awaitExit(LONG)).isZero();
        }
    }
}
