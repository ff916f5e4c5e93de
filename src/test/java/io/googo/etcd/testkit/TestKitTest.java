package io.googo.etcd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of the test kit itself, against the real etcd and etcdctl. */
class TestKitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Flags that make an etcdctl call against an unreachable or refusing server fail fast. */
    private static final String[] FAST_FAIL = {"--dial-timeout=500ms", "--command-timeout=1s"};

    // ------------------------------------------------------------------ one server, by hand

    @Test
    void stoppedRestartedKilledAndPausedServerKeepsItsData() {
        Path baseDir;
        try (EtcdProcess etcd = EtcdProcess.builder().name("solo").start()) {
            baseDir = etcd.dataDir().getParent();
            String url = etcd.clientUrl();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(etcd.peerUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(etcd.name()).isEqualTo("solo");
            assertThat(etcd.isHealthy()).isTrue();
            assertThat(etcd.status().isLeader()).isTrue();

            etcd.etcdctl("put", "/solo/k", "v1").assertOk();

            etcd.stop();
            assertThat(etcd.isAlive()).isFalse();
            assertThat(etcd.isHealthy()).isFalse();
            etcd.etcdctl(args(FAST_FAIL, "get", "/solo/k")).assertFailed();

            etcd.restart();
            assertThat(etcd.clientUrl()).isEqualTo(url);
            assertThat(value(etcd, "/solo/k")).isEqualTo("v1");

            etcd.etcdctl("put", "/solo/k", "v2").assertOk();
            etcd.kill();
            assertThat(etcd.isAlive()).isFalse();
            etcd.start();
            assertThat(value(etcd, "/solo/k")).isEqualTo("v2");

            etcd.pause();
            assertThat(etcd.isPaused()).isTrue();
            assertThat(etcd.isAlive()).isTrue();
            EtcdctlResult whilePaused =
                    etcd.etcdctl(args(FAST_FAIL, "get", "/solo/k")).assertFailed();
            assertThat(whilePaused.timedOut()).isFalse();
            etcd.resume();
            assertThat(etcd.isPaused()).isFalse();
            assertThat(value(etcd, "/solo/k")).isEqualTo("v2");

            assertThat(etcd.log()).contains("[testkit]").contains("starting solo");
            assertThat(Files.isDirectory(baseDir)).isTrue();
        }
        assertThat(baseDir).doesNotExist();
    }

    @Test
    void failedStartReportsTheLogAndCleansUp() {
        assertThatThrownBy(() -> EtcdProcess.builder()
                        .name("bad")
                        .extraArgs("--no-such-flag")
                        .start())
                .isInstanceOf(EtcdProcess.EtcdStartException.class)
                .hasMessageContaining("bad exited with code")
                .hasMessageContaining("flag provided but not defined: -no-such-flag");
    }

    @Test
    void takenPortIsReportedAsAClash() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, FreePorts.loopback())) {
            EtcdProcess etcd = EtcdProcess.builder()
                    .name("clash")
                    .clientPort(taken.getLocalPort())
                    .build();
            try {
                assertThatThrownBy(etcd::start)
                        .isInstanceOfSatisfying(
                                EtcdProcess.EtcdStartException.class,
                                e -> assertThat(e.portClash()).as("portClash").isTrue())
                        .hasMessageContaining("address already in use");
            } finally {
                etcd.close();
            }
        }
    }

    @Test
    void authHelpersEnableAuthAndAddAPrefixUser() {
        try (EtcdProcess etcd = EtcdProcess.builder().name("auth").start()) {
            etcd.enableAuth("rootpw");
            etcd.addUser("alice", "alicepw", "/alice/");
            assertThat(etcd.rootPassword()).isEqualTo("rootpw");

            etcd.etcdctl("put", "/root-only", "r").assertOk();
            EtcdctlResult anonymous = etcd.etcdctlRaw("get", "/root-only").assertFailed();
            assertThat(anonymous.stderr()).contains("user name is empty");

            etcd.etcdctl("--user=alice:alicepw", "put", "/alice/k", "a").assertOk();
            assertThat(etcd.etcdctl("--user=alice:alicepw", "get", "/alice/k", "--print-value-only")
                            .assertOk()
                            .out())
                    .isEqualTo("a");
            EtcdctlResult outside =
                    etcd.etcdctl("--user=alice:alicepw", "put", "/bob/k", "b").assertFailed();
            assertThat(outside.stderr()).contains("permission denied");
            etcd.etcdctl("--user=alice:wrong", "get", "/alice/k").assertFailed();

            etcd.restart();
            etcd.etcdctlRaw("get", "/root-only").assertFailed();
            assertThat(value(etcd, "/root-only")).isEqualTo("r");
        }
    }

    @Test
    void tlsServerWithoutClientCertAuthNeedsOnlyTheCa() {
        try (EtcdProcess etcd = EtcdProcess.builder().name("tls-only").tls(true).start()) {
            assertThat(etcd.clientUrl()).startsWith("https://127.0.0.1:");
            assertThat(etcd.isClientCertAuth()).isFalse();
            TestCertificates certs = etcd.certificates();
            assertThat(etcd.etcdctlFlags())
                    .contains("--cacert=" + certs.caCert())
                    .noneMatch(f -> f.startsWith("--cert="));
            etcd.etcdctl("put", "/k", "v").assertOk();
            assertThat(etcd.etcdctlRaw("--cacert=" + certs.caCert(), "get", "/k", "--print-value-only")
                            .assertOk()
                            .out())
                    .isEqualTo("v");
            // a client that does not trust the server's CA
            etcd.etcdctlRaw(args(FAST_FAIL, "--cacert=" + certs.otherCaCert(), "get", "/k"))
                    .assertFailed();
            // plain http against the https port
            etcd.etcdctlRaw(args(FAST_FAIL, "--endpoints=http://127.0.0.1:" + etcd.clientPort(), "get", "/k"))
                    .assertFailed();
        }
    }

    @Test
    void tlsServerWithClientCertAuthAndAuthStillReportsStatusAndRestarts() {
        try (EtcdProcess etcd = EtcdProcess.builder()
                .name("tls-auth")
                .clientCertAuth(true)
                .rootPassword("rootpw")
                .start()) {
            assertThat(etcd.rootPassword()).isEqualTo("rootpw");
            // etcd 3.4 refuses JSON-gateway calls with a client certificate once auth is on; status() copes
            assertThat(etcd.status().isLeader()).isTrue();
            etcd.etcdctl("put", "/k", "v").assertOk();
            TestCertificates certs = etcd.certificates();
            // a client certificate without --user is taken as user CN=client, who does not exist
            etcd.etcdctlRaw(
                            "--cacert=" + certs.caCert(),
                            "--cert=" + certs.clientCert(),
                            "--key=" + certs.clientKey(),
                            "get",
                            "/k")
                    .assertFailed();

            etcd.restart();
            assertThat(value(etcd, "/k")).isEqualTo("v");
        }
    }

    // ------------------------------------------------------------------ a cluster, by hand

    @Test
    void clusterElectsANewLeaderWhenTheLeaderIsKilled() throws IOException {
        try (EtcdCluster cluster = EtcdCluster.builder().start()) {
            assertThat(cluster.members()).extracting(EtcdProcess::name).containsExactly("m1", "m2", "m3");
            assertThat(cluster.clientUrls().split(","))
                    .hasSize(3)
                    .allMatch(u -> u.matches("http://127\\.0\\.0\\.1:\\d+"));
            EtcdProcess leader = cluster.leader();
            assertThat(etcdctlLeaderUrl(cluster)).isEqualTo(leader.clientUrl());
            assertThat(cluster.followers()).hasSize(2).doesNotContain(leader);

            cluster.etcdctl("put", "/c/k", "before").assertOk();

            long t0 = System.nanoTime();
            leader.kill();
            EtcdProcess next = cluster.awaitLeader(Duration.ofSeconds(5));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(next).isNotSameAs(leader);
            assertThat(next.isAlive()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            for (EtcdProcess survivor : cluster.members()) {
                if (survivor != leader) {
                    assertThat(value(survivor, "/c/k")).isEqualTo("before");
                }
            }
            cluster.etcdctl("put", "/c/k", "after").assertOk();

            // the old leader comes back with the same data dir and catches up
            cluster.restart(cluster.indexOf(leader));
            assertThat(leader.isHealthy()).isTrue();
            assertThat(value(leader, "/c/k")).isEqualTo("after");

            // with all three up again, a paused follower does not stop the majority
            EtcdProcess follower = cluster.followers().get(0);
            cluster.pause(cluster.indexOf(follower));
            assertThat(cluster.allRunning()).isFalse();
            cluster.etcdctl("put", "/c/k2", "while-paused").assertOk();
            cluster.resume(cluster.indexOf(follower));
            assertThat(value(follower, "/c/k2")).isEqualTo("while-paused");
        }
    }

    /** The leader's client URL as etcdctl (not the kit) sees it. */
    private static String etcdctlLeaderUrl(EtcdCluster cluster) throws IOException {
        String out =
                cluster.etcdctl("endpoint", "status", "-w", "json").assertOk().out();
        List<String> leaders = new ArrayList<>();
        for (JsonNode e : JSON.readTree(out)) {
            JsonNode status = e.path("Status");
            if (status.path("leader")
                    .asText()
                    .equals(status.path("header").path("member_id").asText())) {
                leaders.add(e.path("Endpoint").asText());
            }
        }
        assertThat(leaders).as("leaders in " + out).hasSize(1);
        return leaders.get(0);
    }

    // ------------------------------------------------------------------ small parts

    @Test
    void certificatesAreWrittenAsPem() {
        TestCertificates certs = TestCertificates.create();
        Path dir = certs.dir();
        try {
            assertThat(TestCertificates.pemHeaders(certs.caCert())).containsExactly("-----BEGIN CERTIFICATE-----");
            assertThat(TestCertificates.pemHeaders(certs.serverKey())).containsExactly("-----BEGIN PRIVATE KEY-----");
            assertThat(TestCertificates.pemHeaders(certs.clientKey())).containsExactly("-----BEGIN PRIVATE KEY-----");
            assertThat(TestCertificates.pemHeaders(certs.clientKeyPkcs1()))
                    .containsExactly("-----BEGIN RSA PRIVATE KEY-----");
            assertThat(certs.clientCertificate().getSubjectX500Principal().getName())
                    .contains("CN=client");
            assertThat(certs.otherCaCertificate().getSubjectX500Principal())
                    .isNotEqualTo(certs.caCertificate().getSubjectX500Principal());
            for (Path p : List.of(
                    certs.serverCert(),
                    certs.clientCert(),
                    certs.otherCaCert(),
                    certs.otherClientCert(),
                    certs.otherClientKey(),
                    certs.caKey(),
                    certs.otherCaKey())) {
                assertThat(p).isRegularFile();
            }
        } finally {
            certs.close();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void awaitPollsUntilTrueAndFailsWithWhatItWaitedFor() {
        long t0 = System.nanoTime();
        int[] calls = {0};
        Await.until(Duration.ofSeconds(5), () -> ++calls[0] >= 3, "three calls");
        assertThat(calls[0]).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));

        assertThat(Await.untilPresent(Duration.ofSeconds(1), () -> Optional.of("x"), "x"))
                .isEqualTo("x");

        assertThatThrownBy(() -> Await.until(Duration.ofMillis(100), () -> false, "never"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("100 ms")
                .hasMessageContaining("never");
        assertThatThrownBy(() -> Await.until(
                        Duration.ofMillis(50),
                        () -> {
                            throw new IllegalStateException("boom");
                        },
                        "a throwing condition"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("boom")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void freePortsAreNotHandedOutTwice() {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            assertThat(ports.add(FreePorts.next())).isTrue();
        }
    }

    // ------------------------------------------------------------------ the extensions

    @Nested
    @ExtendWith(EtcdExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedServer {

        private TestPrefix beforeEachPrefix;

        @BeforeEach
        void rememberPrefix(TestPrefix prefix) {
            beforeEachPrefix = prefix;
        }

        @Test
        @Order(2)
        void injectsARunningServer(EtcdProcess etcd, TestPrefix prefix) {
            assertThat(etcd.isHealthy()).isTrue();
            etcd.etcdctl("put", prefix.key("a"), "1").assertOk();
            assertThat(value(etcd, prefix.key("a"))).isEqualTo("1");
            assertThat(etcd.etcdctl("get", "--prefix", prefix.value(), "--keys-only")
                            .assertOk()
                            .out())
                    .isEqualTo(prefix.key("a"));
        }

        @RepeatedTest(3)
        void givesEveryTestItsOwnPrefix(TestPrefix prefix) {
            assertThat(prefix.value()).matches("/t-[0-9a-f]{8}/");
            assertThat(prefix).isEqualTo(beforeEachPrefix);
            assertThat(SEEN_PREFIXES.add(prefix)).as("prefix %s is new", prefix).isTrue();
        }

        @Test
        @Order(1)
        void aStoppedServerIsBackForTheNextTest(EtcdProcess etcd) {
            etcd.stop();
            assertThat(etcd.isAlive()).isFalse();
            // the extension's afterEach starts it again; the other tests of the class then find it healthy
        }
    }

    private static final Set<TestPrefix> SEEN_PREFIXES = ConcurrentHashMap.newKeySet();

    @Nested
    class SharedTlsServerWithClientCertAuth {

        @RegisterExtension
        static final EtcdExtension ETCD =
                EtcdExtension.builder().tls(true).clientCertAuth(true).build();

        @Test
        void acceptsTheClientCertificateAndRefusesEverythingElse(
                EtcdProcess etcd, TestCertificates certs, TestPrefix prefix) throws Exception {
            assertThat(etcd).isSameAs(ETCD.process());
            assertThat(etcd.clientUrl()).matches("https://127\\.0\\.0\\.1:\\d+");
            assertThat(etcd.status().isLeader()).isTrue();
            String key = prefix.key("tls");

            etcd.etcdctl("put", key, "secret").assertOk();
            assertThat(value(etcd, key)).isEqualTo("secret");
            // the PKCS#1 copy of the client key works as well
            assertThat(etcd.etcdctlRaw(
                                    "--cacert=" + certs.caCert(),
                                    "--cert=" + certs.clientCert(),
                                    "--key=" + certs.clientKeyPkcs1(),
                                    "get",
                                    key,
                                    "--print-value-only")
                            .assertOk()
                            .out())
                    .isEqualTo("secret");

            // no client certificate
            etcd.etcdctlRaw(args(FAST_FAIL, "--cacert=" + certs.caCert(), "get", key))
                    .assertFailed();
            // a client certificate from another CA
            etcd.etcdctlRaw(args(
                            FAST_FAIL,
                            "--cacert=" + certs.caCert(),
                            "--cert=" + certs.otherClientCert(),
                            "--key=" + certs.otherClientKey(),
                            "get",
                            key))
                    .assertFailed();
            // a client that does not trust the server's CA
            etcd.etcdctlRaw(args(
                            FAST_FAIL,
                            "--cacert=" + certs.otherCaCert(),
                            "--cert=" + certs.clientCert(),
                            "--key=" + certs.clientKey(),
                            "get",
                            key))
                    .assertFailed();

            // the same from Java: /health needs the client certificate
            URI health = URI.create(etcd.clientUrl() + "/health");
            HttpResponse<String> ok = httpClient(certs, true)
                    .send(
                            HttpRequest.newBuilder(health)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ok.body()).contains("\"health\":\"true\"");
            assertThatThrownBy(() -> httpClient(certs, false)
                            .send(
                                    HttpRequest.newBuilder(health)
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }

        private HttpClient httpClient(TestCertificates certs, boolean withClientCert) {
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(2))
                    .sslContext(certs.sslContext(withClientCert))
                    .build();
        }
    }

    @Nested
    @ExtendWith(EtcdClusterExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedCluster {

        @Test
        @Order(1)
        void injectsARunningClusterAndSurvivesAKilledMember(EtcdCluster cluster, TestPrefix prefix) {
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(cluster.allRunning()).isTrue();
            cluster.etcdctl("put", prefix.key("k"), "v").assertOk();
            cluster.kill(cluster.indexOf(cluster.followers().get(0)));
            assertThat(cluster.allRunning()).isFalse();
            cluster.etcdctl("get", prefix.key("k")).assertOk();
        }

        @Test
        @Order(2)
        void theNextTestFindsEveryMemberBack(EtcdCluster cluster) {
            assertThat(cluster.allRunning()).isTrue();
            assertThat(cluster.members()).allMatch(EtcdProcess::isHealthy);
            assertThat(cluster.leader()).isNotNull();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String value(EtcdProcess etcd, String key) {
        return etcd.etcdctl("get", key, "--print-value-only").assertOk().out();
    }

    private static String[] args(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
