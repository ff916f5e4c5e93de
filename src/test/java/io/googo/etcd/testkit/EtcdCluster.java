package io.googo.etcd.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cluster of real etcd processes on 127.0.0.1 (three by default), named m1, m2, m3.
 *
 * <p>Members are indexed from 0: {@code member(0)} is m1. {@link #start()} launches all members at once,
 * waits until each is healthy and a leader is agreed on (retrying with fresh ports if one was taken).
 *
 * <pre>{@code
 * try (EtcdCluster cluster = EtcdCluster.builder().start()) {
 *     EtcdProcess leader = cluster.leader();
 *     leader.kill();
 *     EtcdProcess next = cluster.awaitLeader(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class EtcdCluster implements AutoCloseable {

    private static final int START_ATTEMPTS_ON_PORT_CLASH = 3;
    /** How long {@link #leader()} waits for a leader. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);

    private final int size;
    private final TestCertificates certs;
    private final boolean ownsCerts;
    private final boolean clientCertAuth;
    private final List<String> extraArgs;
    private final String logLevel;
    private volatile List<EtcdProcess> members = List.of();
    private volatile String rootPassword;
    private volatile boolean closed;

    private EtcdCluster(Builder b, TestCertificates certs, boolean ownsCerts) {
        this.size = b.size;
        this.certs = certs;
        this.ownsCerts = ownsCerts;
        this.clientCertAuth = b.clientCertAuth;
        this.extraArgs = List.copyOf(b.extraArgs);
        this.logLevel = b.logLevel;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Launches all members together and waits until every one is healthy and they agree on a leader.
     *
     * @throws EtcdProcess.EtcdStartException with the failing member's log
     */
    public synchronized EtcdCluster start() {
        if (closed) {
            throw new IllegalStateException("cluster is closed");
        }
        if (!members.isEmpty()) {
            throw new IllegalStateException("cluster already started");
        }
        for (int attempt = 1; ; attempt++) {
            List<EtcdProcess> made = create();
            members = made;
            try {
                for (EtcdProcess m : made) {
                    m.launch();
                }
                long deadline = System.nanoTime() + EtcdProcess.START_TIMEOUT.toNanos();
                for (EtcdProcess m : made) {
                    m.awaitHealthy(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                }
                awaitLeader(LEADER_TIMEOUT);
                return this;
            } catch (RuntimeException | Error e) {
                boolean clash = (e instanceof EtcdProcess.EtcdStartException se && se.portClash())
                        || made.stream().anyMatch(m -> !m.isAlive() && m.log().contains("address already in use"));
                String logs = logs();
                closeMembers(made);
                members = List.of();
                if (clash && attempt < START_ATTEMPTS_ON_PORT_CLASH) {
                    continue;
                }
                throw new EtcdProcess.EtcdStartException(
                        "cluster did not start: " + e.getMessage() + "\n=== logs of all members ===\n" + logs,
                        clash,
                        e);
            }
        }
    }

    private List<EtcdProcess> create() {
        List<int[]> ports = new ArrayList<>();
        StringBuilder initialCluster = new StringBuilder();
        for (int i = 0; i < size; i++) {
            int client = FreePorts.next();
            int peer = FreePorts.next();
            ports.add(new int[] {client, peer});
            if (i > 0) {
                initialCluster.append(',');
            }
            initialCluster
                    .append(memberName(i))
                    .append("=http://")
                    .append(FreePorts.LOOPBACK)
                    .append(':')
                    .append(peer);
        }
        String token = "testkit-cluster-" + KitSupport.randomHex(6);
        List<EtcdProcess> made = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            made.add(EtcdProcess.builder()
                    .name(memberName(i))
                    .clientPort(ports.get(i)[0])
                    .peerPort(ports.get(i)[1])
                    .initialCluster(initialCluster.toString())
                    .initialClusterToken(token)
                    .certificates(certs)
                    .clientCertAuth(clientCertAuth)
                    .logLevel(logLevel)
                    .extraArgs(extraArgs.toArray(String[]::new))
                    .build());
        }
        return made;
    }

    private static String memberName(int i) {
        return "m" + (i + 1);
    }

    /** Closes every member (stop, delete data) and the certificates the cluster made. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeMembers(members);
        } finally {
            if (ownsCerts && certs != null) {
                certs.close();
            }
            KitSupport.unregisterOpen(this);
        }
    }

    /**
     * SIGKILL first: the data goes anyway, and a graceful stop of a leader whose followers are already gone
     * hangs in leadership transfer until the stop timeout.
     */
    private static void closeMembers(List<EtcdProcess> list) {
        RuntimeException first = null;
        for (EtcdProcess m : list) {
            try {
                m.kill();
                m.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- members

    public List<EtcdProcess> members() {
        return members;
    }

    /** The member at {@code index}, from 0: {@code member(0)} is m1. */
    public EtcdProcess member(int index) {
        return members.get(index);
    }

    public int size() {
        return size;
    }

    /** The index of {@code member} (0-based), or -1. */
    public int indexOf(EtcdProcess member) {
        return members.indexOf(member);
    }

    /** Every member's client URL, comma-separated, m1 first. */
    public String clientUrls() {
        return members.stream().map(EtcdProcess::clientUrl).collect(Collectors.joining(","));
    }

    /** The certificates shared by all members, or null without TLS. */
    public TestCertificates certificates() {
        return certs;
    }

    public void stop(int index) {
        member(index).stop();
    }

    public void kill(int index) {
        member(index).kill();
    }

    public void pause(int index) {
        member(index).pause();
    }

    public void resume(int index) {
        member(index).resume();
    }

    /**
     * Stops member {@code index} if it runs, starts it again on the same data and ports, and — when a
     * majority of members then runs — waits until it is healthy. Without a majority it returns once the
     * process is launched, since no member can be healthy then.
     */
    public EtcdProcess restart(int index) {
        EtcdProcess m = member(index);
        m.stop();
        m.launch();
        if (runningCount() > size / 2) {
            m.awaitHealthy(EtcdProcess.START_TIMEOUT);
        }
        return m;
    }

    /** Resumes paused members, starts stopped ones, and waits for all to be healthy and for a leader. */
    public synchronized void heal() {
        for (EtcdProcess m : members) {
            if (m.isPaused()) {
                m.resume();
            }
            if (!m.isAlive()) {
                m.launch();
            }
        }
        long deadline = System.nanoTime() + EtcdProcess.START_TIMEOUT.toNanos();
        for (EtcdProcess m : members) {
            m.awaitHealthy(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        awaitLeader(LEADER_TIMEOUT);
    }

    /** Whether every member runs unpaused. */
    public boolean allRunning() {
        return runningCount() == size;
    }

    private int runningCount() {
        return (int) members.stream().filter(m -> m.isAlive() && !m.isPaused()).count();
    }

    // ---------------------------------------------------------------- leader

    /** The leader, waiting up to {@link #LEADER_TIMEOUT} for the cluster to agree on one. */
    public EtcdProcess leader() {
        return awaitLeader(LEADER_TIMEOUT);
    }

    /** The index (from 0) of {@link #leader()}. */
    public int leaderIndex() {
        return indexOf(leader());
    }

    /** The running, unpaused members other than the leader. */
    public List<EtcdProcess> followers() {
        EtcdProcess leader = leader();
        return members.stream()
                .filter(m -> m != leader && m.isAlive() && !m.isPaused())
                .toList();
    }

    /**
     * Waits until a majority of members report the same leader in the same term, and that leader (a
     * running member) reports itself as leader; returns it.
     *
     * @throws AssertionError when no leader is agreed on in time
     */
    public EtcdProcess awaitLeader(Duration timeout) {
        return Await.untilPresent(timeout, this::currentLeader, "a leader agreed on by a majority of " + this);
    }

    /** The leader as a majority of running members report it now, if any. */
    public Optional<EtcdProcess> currentLeader() {
        Map<EtcdProcess, EtcdProcess.Status> views = new LinkedHashMap<>();
        for (EtcdProcess m : members) {
            if (m.isAlive() && !m.isPaused()) {
                try {
                    views.put(m, m.status());
                } catch (RuntimeException e) {
                    // unreachable member: no vote
                }
            }
        }
        Map<String, Integer> votes = new HashMap<>();
        for (EtcdProcess.Status s : views.values()) {
            if (s.hasLeader()) {
                votes.merge(s.leaderId() + "@" + s.raftTerm(), 1, Integer::sum);
            }
        }
        for (Map.Entry<EtcdProcess, EtcdProcess.Status> e : views.entrySet()) {
            EtcdProcess.Status s = e.getValue();
            if (s.isLeader() && votes.getOrDefault(s.leaderId() + "@" + s.raftTerm(), 0) > size / 2) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- etcdctl and auth

    /** {@code --endpoints=<all members>} plus TLS and auth flags as needed. */
    public List<String> etcdctlFlags() {
        return EtcdProcess.etcdctlFlags(clientUrls(), certs, clientCertAuth, rootPassword);
    }

    /** Runs etcdctl against all members' endpoints (see {@link EtcdProcess#etcdctl}). */
    public EtcdctlResult etcdctl(String... args) {
        return EtcdctlResult.run(EtcdProcess.concat(etcdctlFlags(), args), null, EtcdctlResult.DEFAULT_TIMEOUT);
    }

    /** Enables auth (see {@link EtcdProcess#enableAuth}); every member's etcdctl then passes root. */
    public synchronized void enableAuth(String rootPassword) {
        if (this.rootPassword != null) {
            throw new IllegalStateException("auth is already enabled");
        }
        EtcdProcess.enableAuthWith(this::etcdctl, rootPassword);
        this.rootPassword = rootPassword;
        for (EtcdProcess m : members) {
            m.useRootPassword(rootPassword);
        }
    }

    /** See {@link EtcdProcess#addUser}. */
    public void addUser(String name, String password, String readWritePrefix) {
        EtcdProcess.addUserWith(this::etcdctl, name, password, readWritePrefix);
    }

    /** Every member's log, each under a header. */
    public String logs() {
        StringBuilder sb = new StringBuilder();
        for (EtcdProcess m : members) {
            sb.append("--- log of ")
                    .append(m.name())
                    .append(" (")
                    .append(m.clientUrl())
                    .append(") ---\n")
                    .append(KitSupport.tail(m.log(), 20_000))
                    .append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "EtcdCluster" + members;
    }

    // ---------------------------------------------------------------- builder

    public static final class Builder {
        private int size = 3;
        private boolean tls;
        private TestCertificates certificates;
        private boolean clientCertAuth;
        private final List<String> extraArgs = new ArrayList<>();
        private String logLevel = "warn";

        private Builder() {}

        /** Number of members, default 3. */
        public Builder size(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size " + size);
            }
            this.size = size;
            return this;
        }

        /** https for clients, with one set of certificates for all members. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** https with these certificates; the caller closes them. */
        public Builder certificates(TestCertificates certificates) {
            this.certificates = certificates;
            return this;
        }

        /** Require client certificates; implies TLS. */
        public Builder clientCertAuth(boolean clientCertAuth) {
            this.clientCertAuth = clientCertAuth;
            return this;
        }

        /** More etcd flags for every member. */
        public Builder extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        /** Makes the cluster object (and certificates if needed); starts nothing. */
        public EtcdCluster build() {
            TestCertificates certs = certificates;
            boolean owns = false;
            if (certs == null && (tls || clientCertAuth)) {
                certs = TestCertificates.create();
                owns = true;
            }
            EtcdCluster c = new EtcdCluster(this, certs, owns);
            KitSupport.registerOpen(c);
            return c;
        }

        /** {@link #build()} and {@link EtcdCluster#start()}; closes it when the start fails. */
        public EtcdCluster start() {
            EtcdCluster c = build();
            try {
                return c.start();
            } catch (RuntimeException | Error e) {
                try {
                    c.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
