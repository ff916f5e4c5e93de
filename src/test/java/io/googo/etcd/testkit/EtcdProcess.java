package io.googo.etcd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One real etcd server process on 127.0.0.1, with a data dir of its own in a temp folder.
 *
 * <pre>{@code
 * try (EtcdProcess etcd = EtcdProcess.builder().start()) {
 *     etcd.etcdctl("put", "/a", "1").assertOk();
 *     assertThat(etcd.etcdctl("get", "/a", "--print-value-only").out()).isEqualTo("1");
 * }
 * }</pre>
 *
 * <p>The binary is {@code $ETCD_BIN}, else /usr/bin/etcd, else etcd on the PATH; etcdctl is
 * {@code $ETCDCTL_BIN}, else the etcdctl beside it, else /usr/bin/etcdctl, else the PATH. The server runs
 * with fast test settings (heartbeat 50 ms, election timeout 500 ms, 4 GiB quota, zap logs at level warn to
 * stderr, {@code --unsafe-no-fsync} when the binary accepts it); {@link Builder#extraArgs} come last and so
 * override them. Its stdout and stderr go to a log file ({@link #log()}). A JVM shutdown hook, and a small
 * {@code sh} watchdog per process for when the JVM dies without running hooks, kill every etcd the kit
 * started.
 */
public final class EtcdProcess implements AutoCloseable {

    /** How long {@link #start()} waits for the server to be healthy. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** How long {@link #stop()} waits after SIGTERM before SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final int START_ATTEMPTS_ON_PORT_CLASH = 5;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final TestCertificates certs;
    private final boolean ownsCerts;
    private final boolean clientCertAuth;
    private final List<String> extraArgs;
    private final String initialCluster;
    private final String initialClusterToken;
    private final boolean portsFixed;
    private final String logLevel;
    private final String authOnFirstStart;
    private final Object httpLock = new Object();

    private volatile int clientPort;
    private volatile int peerPort;
    private volatile Process process;
    private volatile Process watchdog;
    private volatile boolean paused;
    private volatile String rootPassword;
    private volatile boolean closed;
    private volatile long logOffsetAtLaunch;
    private volatile HttpClient http;

    private EtcdProcess(Builder b, Path baseDir, TestCertificates certs, boolean ownsCerts) {
        this.name = b.name;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("etcd.log");
        this.certs = certs;
        this.ownsCerts = ownsCerts;
        this.clientCertAuth = b.clientCertAuth;
        this.extraArgs = List.copyOf(b.extraArgs);
        this.initialCluster = b.initialCluster;
        this.initialClusterToken =
                b.initialClusterToken != null ? b.initialClusterToken : "testkit-" + KitSupport.randomHex(6);
        this.portsFixed = b.clientPort != 0 || b.peerPort != 0;
        this.clientPort = b.clientPort != 0 ? b.clientPort : FreePorts.next();
        this.peerPort = b.peerPort != 0 ? b.peerPort : FreePorts.next();
        this.logLevel = b.logLevel;
        this.authOnFirstStart = b.rootPassword;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- identity

    /** The member name ({@code --name}). */
    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://...} with TLS. */
    public String clientUrl() {
        return (certs != null ? "https" : "http") + "://" + FreePorts.LOOPBACK + ":" + clientPort;
    }

    /** {@code http://127.0.0.1:PORT}: peer traffic is always plain. */
    public String peerUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + peerPort;
    }

    public int clientPort() {
        return clientPort;
    }

    public int peerPort() {
        return peerPort;
    }

    public boolean isTls() {
        return certs != null;
    }

    public boolean isClientCertAuth() {
        return clientCertAuth;
    }

    /** The certificates the server uses, or null without TLS. */
    public TestCertificates certificates() {
        return certs;
    }

    /** The root password once auth is enabled, else null. */
    public String rootPassword() {
        return rootPassword;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything the server printed, over all its starts, with a line from the kit before each start. */
    public String log() {
        return KitSupport.readText(logFile);
    }

    /** The OS process id; fails when it never started. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return p.pid();
    }

    /** Whether the process runs (a paused process runs). */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public boolean isPaused() {
        return paused && isAlive();
    }

    @Override
    public String toString() {
        return "EtcdProcess[" + name + " " + clientUrl() + (isAlive() ? (paused ? " paused" : " running") : " down")
                + "]";
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Starts the process and waits until {@code /health} says true (at most {@link #START_TIMEOUT}). On a
     * fresh data dir with ports the kit chose, a port taken meanwhile by someone else makes it retry with
     * new ports. A member of a cluster is healthy only once a quorum is up: start members with
     * {@link #launch()} and then {@link #awaitHealthy(Duration)}, as {@link EtcdCluster} does.
     *
     * @throws EtcdStartException with the log when it exits or is not healthy in time
     */
    public synchronized EtcdProcess start() {
        boolean fresh = !Files.exists(dataDir);
        int attempts = fresh && !portsFixed ? START_ATTEMPTS_ON_PORT_CLASH : 1;
        for (int attempt = 1; ; attempt++) {
            launch();
            try {
                awaitHealthy(START_TIMEOUT);
                break;
            } catch (EtcdStartException e) {
                kill();
                if (attempt < attempts && e.portClash()) {
                    KitSupport.deleteRecursively(dataDir);
                    clientPort = FreePorts.next();
                    peerPort = FreePorts.next();
                    appendToLog("[testkit] a port was taken; retrying with ports " + clientPort + "/" + peerPort);
                    continue;
                }
                throw e;
            }
        }
        if (fresh && authOnFirstStart != null && rootPassword == null) {
            enableAuth(authOnFirstStart);
        }
        return this;
    }

    /** Starts the process and returns at once, without waiting for it to serve. */
    public synchronized EtcdProcess launch() {
        ensureOpen();
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = command();
        appendToLog("[testkit] " + Instant.now() + " starting " + name + ": " + String.join(" ", command));
        logOffsetAtLaunch = KitSupport.sizeOf(logFile);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(baseDir.toFile())
                .redirectInput(KitSupport.nullInput())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        KitSupport.cleanEnvironment(pb.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
        KitSupport.registerProcess(p);
        process = p;
        paused = false;
        startWatchdog(p.pid());
        return this;
    }

    /**
     * Waits until {@code /health} says true and the etcd answering is this process (see
     * {@link #answersAsThisMember()}).
     *
     * @throws EtcdStartException with the log when the process exits or the time runs out
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (true) {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException(name + " was never started");
            }
            if (!p.isAlive()) {
                throw startFailure(name + " exited with code " + p.exitValue());
            }
            if (isHealthy()) {
                Boolean ours = answersAsThisMember();
                if (Boolean.TRUE.equals(ours) && p.isAlive()) {
                    return;
                }
                if (Boolean.FALSE.equals(ours)) {
                    throw new EtcdStartException(
                            name + ": another etcd answers on " + clientUrl() + "\n--- etcd log " + logFile + " ---\n"
                                    + KitSupport.tail(log(), 20_000),
                            true);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw startFailure(name + " was not healthy after " + Await.format(timeout));
            }
            sleep(pause);
            pause = Math.min(50, pause * 2);
        }
    }

    /** Stops it: SIGTERM (after SIGCONT if paused), up to {@link #STOP_TIMEOUT}, then SIGKILL. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                if (paused) {
                    signal("CONT", p.pid());
                }
                p.destroy();
                if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    appendToLog("[testkit] " + name + " still running " + Await.format(STOP_TIMEOUT)
                            + " after SIGTERM: SIGKILL");
                    p.destroyForcibly();
                    p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            exited(p);
        }
    }

    /** SIGKILL at once, and waits for the process to be gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.destroyForcibly();
            p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exited(p);
        }
    }

    /** {@link #stop()}, then {@link #start()} on the same data dir and ports. */
    public synchronized EtcdProcess restart() {
        stop();
        return start();
    }

    /** SIGSTOP: the process stays but answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        if (paused) {
            return;
        }
        signal("STOP", p.pid());
        paused = true;
        awaitProcState(p.pid(), true);
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        Process p = process;
        if (p == null || !p.isAlive() || !paused) {
            paused = false;
            return;
        }
        signal("CONT", p.pid());
        paused = false;
        awaitProcState(p.pid(), false);
    }

    /** {@link #stop()}, then deletes the data dir, the log and the certificates it made. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stop();
        } finally {
            if (ownsCerts) {
                certs.close();
            }
            KitSupport.deleteRecursively(baseDir);
            KitSupport.unregisterOpen(this);
        }
    }

    // ---------------------------------------------------------------- state over HTTP

    /** Whether {@code GET /health} answers {@code {"health":"true"}} now (false when paused or down). */
    public boolean isHealthy() {
        if (!isAlive() || paused) {
            return false;
        }
        try {
            HttpResponse<String> r = http().send(
                            HttpRequest.newBuilder(URI.create(clientUrl() + "/health"))
                                    .timeout(HTTP_TIMEOUT)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the etcd that answers is this process: its peer port ({@code GET /members}, plain http and
     * no auth) lists a member with our name and peer URL. etcd binds its peer and client ports before it
     * serves either, so this guards against another etcd holding our client port while this process
     * fails to bind it. Null when there is no answer (yet).
     */
    private Boolean answersAsThisMember() {
        try {
            HttpResponse<String> r = http().send(
                            HttpRequest.newBuilder(URI.create(peerUrl() + "/members"))
                                    .timeout(HTTP_TIMEOUT)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode members = JSON.readTree(r.body());
            if (!members.isArray() || members.isEmpty()) {
                return null;
            }
            for (JsonNode m : members) {
                if (name.equals(m.path("name").asText(""))) {
                    for (JsonNode u : m.path("peerURLs")) {
                        if (u.asText("").equals(peerUrl())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The member's view from {@code POST /v3/maintenance/status} (the JSON gateway). etcd 3.4 refuses
     * gateway calls that carry a client certificate once auth is on (HTTP 400 "CommonName of client
     * sending a request against gateway will be ignored..."); then this asks
     * {@code etcdctl endpoint status -w json} instead.
     *
     * @throws UncheckedIOException when it does not answer within a second (a few with etcdctl)
     */
    public Status status() {
        HttpResponse<String> r;
        try {
            r = http().send(
                            HttpRequest.newBuilder(URI.create(clientUrl() + "/v3/maintenance/status"))
                                    .timeout(HTTP_TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no status from " + name + " at " + clientUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try {
            if (r.statusCode() == 200) {
                JsonNode n = JSON.readTree(r.body());
                return new Status(
                        n.path("header").path("member_id").asText(""),
                        n.path("leader").asText(""),
                        n.path("raftTerm")
                                .asLong(n.path("header").path("raft_term").asLong(0)),
                        n.path("header").path("revision").asLong(0),
                        n.path("version").asText(""));
            }
            if (r.statusCode() == 400 && r.body().contains("CommonName")) {
                return statusViaEtcdctl();
            }
            throw new IOException("status of " + name + ": HTTP " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no status from " + name + " at " + clientUrl(), e);
        }
    }

    private Status statusViaEtcdctl() throws IOException {
        EtcdctlResult res = EtcdctlResult.run(
                concat(etcdctlFlags(), "--dial-timeout=1s", "--command-timeout=2s", "endpoint", "status", "-w", "json"),
                null,
                Duration.ofSeconds(10));
        if (!res.ok()) {
            throw new IOException("etcdctl endpoint status failed: " + res);
        }
        JsonNode n = JSON.readTree(res.stdout()).path(0).path("Status");
        return new Status(
                n.path("header").path("member_id").asText(""),
                n.path("leader").asText(""),
                n.path("raftTerm").asLong(n.path("header").path("raft_term").asLong(0)),
                n.path("header").path("revision").asLong(0),
                n.path("version").asText(""));
    }

    /**
     * One member's answer to the status call; ids are decimal strings, "" or "0" for "no leader".
     */
    public record Status(String memberId, String leaderId, long raftTerm, long revision, String version) {
        public boolean hasLeader() {
            return !leaderId.isEmpty() && !"0".equals(leaderId);
        }

        public boolean isLeader() {
            return hasLeader() && leaderId.equals(memberId);
        }
    }

    // ---------------------------------------------------------------- etcdctl and auth

    /**
     * The flags the kit puts before every {@link #etcdctl} call: {@code --endpoints}, and as the server
     * needs them {@code --cacert}, {@code --cert}/{@code --key}, {@code --user root:PW}.
     */
    public List<String> etcdctlFlags() {
        return etcdctlFlags(clientUrl(), certs, clientCertAuth, rootPassword);
    }

    /**
     * Runs {@code etcdctl <flags> args...} (ETCDCTL_API=3) against this server, killed after 30 s. A flag
     * given again in {@code args} (e.g. {@code --user u:pw}) wins over the kit's.
     */
    public EtcdctlResult etcdctl(String... args) {
        return EtcdctlResult.run(concat(etcdctlFlags(), args), null, EtcdctlResult.DEFAULT_TIMEOUT);
    }

    /** As {@link #etcdctl(String...)}, with {@code stdin} as standard input. */
    public EtcdctlResult etcdctlWithInput(String stdin, String... args) {
        return EtcdctlResult.run(concat(etcdctlFlags(), args), stdin, EtcdctlResult.DEFAULT_TIMEOUT);
    }

    /** {@code etcdctl --endpoints=<clientUrl> args...}: no TLS or auth flags; the caller gives them. */
    public EtcdctlResult etcdctlRaw(String... args) {
        return EtcdctlResult.run(
                concat(List.of("--endpoints=" + clientUrl()), args), null, EtcdctlResult.DEFAULT_TIMEOUT);
    }

    /**
     * Adds user root with {@code rootPassword} and the root role, and enables auth. From then on
     * {@link #etcdctl} passes {@code --user root:PW}.
     */
    public synchronized void enableAuth(String rootPassword) {
        if (this.rootPassword != null) {
            throw new IllegalStateException("auth is already enabled on " + name);
        }
        enableAuthWith(this::etcdctl, rootPassword);
        this.rootPassword = rootPassword;
    }

    /**
     * Tells the helper that auth is on with this root password, e.g. when another member of the cluster
     * enabled it; null forgets it.
     */
    public void useRootPassword(String rootPassword) {
        this.rootPassword = rootPassword;
    }

    /**
     * Adds user {@code name} with a role {@code <name>-rw} that may read and write every key starting with
     * {@code readWritePrefix}, and nothing else.
     */
    public void addUser(String name, String password, String readWritePrefix) {
        addUserWith(this::etcdctl, name, password, readWritePrefix);
    }

    // ---------------------------------------------------------------- package-private helpers

    @FunctionalInterface
    interface Etcdctl {
        EtcdctlResult run(String... args);
    }

    static void enableAuthWith(Etcdctl ctl, String rootPassword) {
        Objects.requireNonNull(rootPassword, "rootPassword");
        ctl.run("user", "add", "root", "--new-user-password=" + rootPassword, "--interactive=false")
                .assertOk();
        ctl.run("role", "add", "root").assertOk();
        ctl.run("user", "grant-role", "root", "root").assertOk();
        ctl.run("auth", "enable").assertOk();
    }

    static void addUserWith(Etcdctl ctl, String name, String password, String readWritePrefix) {
        String role = name + "-rw";
        ctl.run("role", "add", role).assertOk();
        ctl.run("role", "grant-permission", role, "--prefix=true", "readwrite", readWritePrefix)
                .assertOk();
        ctl.run("user", "add", name, "--new-user-password=" + password, "--interactive=false")
                .assertOk();
        ctl.run("user", "grant-role", name, role).assertOk();
    }

    static List<String> etcdctlFlags(
            String endpoints, TestCertificates certs, boolean clientCertAuth, String rootPassword) {
        List<String> flags = new ArrayList<>();
        flags.add("--endpoints=" + endpoints);
        if (certs != null) {
            flags.add("--cacert=" + certs.caCert());
            if (clientCertAuth) {
                flags.add("--cert=" + certs.clientCert());
                flags.add("--key=" + certs.clientKey());
            }
        }
        if (rootPassword != null) {
            flags.add("--user=root:" + rootPassword);
        }
        return flags;
    }

    static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(rest));
        return all;
    }

    // ---------------------------------------------------------------- internals

    private List<String> command() {
        List<String> c = new ArrayList<>();
        c.add(KitSupport.etcdBinary().toString());
        c.addAll(List.of(
                "--name",
                name,
                "--data-dir",
                dataDir.toString(),
                "--listen-client-urls",
                clientUrl(),
                "--advertise-client-urls",
                clientUrl(),
                "--listen-peer-urls",
                peerUrl(),
                "--initial-advertise-peer-urls",
                peerUrl(),
                "--initial-cluster",
                initialCluster != null ? initialCluster : name + "=" + peerUrl(),
                "--initial-cluster-state",
                "new",
                "--initial-cluster-token",
                initialClusterToken,
                "--heartbeat-interval",
                "50",
                "--election-timeout",
                "500",
                "--quota-backend-bytes",
                String.valueOf(4L * 1024 * 1024 * 1024),
                "--logger",
                "zap",
                "--log-outputs",
                "stderr",
                "--log-level",
                logLevel));
        if (KitSupport.etcdSupportsNoFsync()) {
            c.add("--unsafe-no-fsync");
        }
        if (certs != null) {
            c.addAll(List.of(
                    "--cert-file", certs.serverCert().toString(),
                    "--key-file", certs.serverKey().toString()));
            if (clientCertAuth) {
                // etcd 3.4 requires client certificates as soon as --trusted-ca-file is set, with or
                // without --client-cert-auth: so give the CA only when client certificates are wanted
                c.addAll(List.of(
                        "--client-cert-auth",
                        "--trusted-ca-file",
                        certs.caCert().toString()));
            }
        }
        c.addAll(extraArgs);
        return c;
    }

    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (httpLock) {
                c = http;
                if (c == null) {
                    HttpClient.Builder b = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(HTTP_TIMEOUT)
                            .proxy(HttpClient.Builder.NO_PROXY);
                    if (certs != null) {
                        b.sslContext(certs.sslContext(clientCertAuth));
                    }
                    c = b.build();
                    http = c;
                }
            }
        }
        return c;
    }

    private void exited(Process p) {
        KitSupport.unregisterProcess(p);
        paused = false;
        Process w = watchdog;
        if (w != null) {
            w.destroyForcibly();
            KitSupport.unregisterProcess(w);
            watchdog = null;
        }
    }

    /**
     * A {@code sh} loop that, if the JVM disappears without running its shutdown hooks (SIGKILL, crash),
     * SIGKILLs etcd and deletes its temp folder. A JVM that is a zombie counts as gone. The loop ends by
     * itself when etcd ends.
     */
    private void startWatchdog(long etcdPid) {
        long jvm = ProcessHandle.current().pid();
        String base = baseDir.toAbsolutePath().toString();
        String script = "j=" + jvm + "; e=" + etcdPid + "\n"
                + "jvm_alive() { kill -0 $j 2>/dev/null || return 1;"
                + " { read -r s < /proc/$j/stat; } 2>/dev/null || return 0;"
                + " s=${s##*)}; s=${s# }; [ \"${s%% *}\" != Z ]; }\n"
                + "while jvm_alive && kill -0 $e 2>/dev/null; do sleep 1; done\n"
                + "if ! jvm_alive; then kill -9 $e 2>/dev/null; sleep 1;"
                + (base.contains("'") ? "" : " rm -rf '" + base + "';")
                + " fi\n";
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script)
                .redirectInput(KitSupport.nullInput())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process w = pb.start();
            KitSupport.registerProcess(w);
            watchdog = w;
        } catch (IOException e) {
            watchdog = null; // the shutdown hook still covers ordinary exits
        }
    }

    private static void signal(String signal, long pid) {
        int rc = KitSupport.runQuietly(List.of("kill", "-s", signal, String.valueOf(pid)));
        if (rc != 0) {
            rc = KitSupport.runQuietly(List.of("sh", "-c", "kill -s " + signal + " " + pid));
        }
        if (rc != 0) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + pid + " (exit code " + rc + ")");
        }
    }

    /** On Linux, waits until /proc says the process is stopped (or no longer stopped). */
    private static void awaitProcState(long pid, boolean stopped) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return;
        }
        Await.until(
                Duration.ofSeconds(5),
                () -> {
                    String s = KitSupport.readText(stat);
                    int close = s.lastIndexOf(')');
                    if (close < 0 || close + 2 >= s.length()) {
                        return true; // gone or unreadable: nothing to wait for
                    }
                    char state = s.charAt(close + 2);
                    boolean isStopped = state == 'T' || state == 't';
                    return isStopped == stopped;
                },
                "process " + pid + (stopped ? " to stop" : " to continue"));
    }

    private EtcdStartException startFailure(String what) {
        String all = log();
        long offset = Math.min(logOffsetAtLaunch, all.length());
        String sinceLaunch = all.substring((int) offset);
        boolean clash = sinceLaunch.contains("address already in use");
        return new EtcdStartException(
                what + " (" + clientUrl() + ")\n--- etcd log " + logFile + " ---\n" + KitSupport.tail(all, 20_000),
                clash);
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(
                    logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** etcd did not come up; the message holds its log. */
    public static final class EtcdStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean portClash;

        EtcdStartException(String message, boolean portClash) {
            this(message, portClash, null);
        }

        EtcdStartException(String message, boolean portClash, Throwable cause) {
            super(message, cause);
            this.portClash = portClash;
        }

        /** Whether the log since this start says a port was in use. */
        public boolean portClash() {
            return portClash;
        }
    }

    // ---------------------------------------------------------------- builder

    /** Options for one server; {@link #build()} makes it, {@link #start()} makes and starts it. */
    public static final class Builder {
        private String name = "etcd";
        private boolean tls;
        private TestCertificates certificates;
        private boolean clientCertAuth;
        private final List<String> extraArgs = new ArrayList<>();
        private String initialCluster;
        private String initialClusterToken;
        private int clientPort;
        private int peerPort;
        private String logLevel = "warn";
        private String rootPassword;

        private Builder() {}

        /** {@code --name}; default "etcd". */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Serve clients over https with certificates made for this server (peer traffic stays http). */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Serve clients over https with these certificates; the caller closes them. */
        public Builder certificates(TestCertificates certificates) {
            this.certificates = certificates;
            this.tls = certificates != null || tls;
            return this;
        }

        /** {@code --client-cert-auth}: require a client certificate signed by the CA. Implies TLS. */
        public Builder clientCertAuth(boolean clientCertAuth) {
            this.clientCertAuth = clientCertAuth;
            return this;
        }

        /** More etcd flags, put last so that they override the kit's. */
        public Builder extraArgs(String... args) {
            extraArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** {@code --initial-cluster} for a cluster member; then also give {@link #peerPort(int)}. */
        public Builder initialCluster(String initialCluster) {
            this.initialCluster = initialCluster;
            return this;
        }

        /** {@code --initial-cluster-token}; default random. */
        public Builder initialClusterToken(String token) {
            this.initialClusterToken = token;
            return this;
        }

        /** A fixed client port; default a free one (and a retry with others on a clash). */
        public Builder clientPort(int port) {
            this.clientPort = port;
            return this;
        }

        /** A fixed peer port; default a free one. */
        public Builder peerPort(int port) {
            this.peerPort = port;
            return this;
        }

        /** {@code --log-level}; default warn. */
        public Builder logLevel(String logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
            return this;
        }

        /** Enable auth with this root password right after the first {@link EtcdProcess#start()}. */
        public Builder rootPassword(String rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        /** Makes the temp folder (and certificates if needed) but starts nothing. */
        public EtcdProcess build() {
            if (initialCluster != null && peerPort == 0) {
                throw new IllegalStateException("with initialCluster, give the peerPort that it names");
            }
            boolean useTls = tls || clientCertAuth || certificates != null;
            TestCertificates certs = certificates;
            boolean owns = false;
            Path base;
            try {
                base = Files.createTempDirectory("etcd-testkit-" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (useTls && certs == null) {
                certs = TestCertificates.create();
                owns = true;
            }
            EtcdProcess p = new EtcdProcess(this, base, certs, owns);
            KitSupport.registerOpen(p);
            return p;
        }

        /** {@link #build()} and {@link EtcdProcess#start()}; closes it again when the start fails. */
        public EtcdProcess start() {
            EtcdProcess p = build();
            try {
                return p.start();
            } catch (RuntimeException | Error e) {
                try {
                    p.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
