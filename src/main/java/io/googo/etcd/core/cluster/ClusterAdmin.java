package io.googo.etcd.core.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.maintenance.AlarmResponse;
import io.etcd.jetcd.maintenance.AlarmType;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.CompactOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.kv.Header;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

/**
 * Cluster administration over one {@link EtcdClient}: membership, per-endpoint status, health and
 * hash, and maintenance (compaction, defragmentation, alarms, leader transfer, snapshots).
 *
 * <p>What is asked of each endpoint ({@link #status}, {@link #health}, {@link #hashKv},
 * {@link #defragment}) goes over a connection of its own to that endpoint alone, with the client's
 * settings (TLS, auth, timeouts), so the answer is that member's. Endpoints are asked in parallel;
 * one that does not answer is a result with its error, never an exception. Every call is bounded
 * by the client's dial and request timeouts.
 */
public final class ClusterAdmin {
    private static final int MAX_PARALLEL = 16;

    private final EtcdClient client;

    public ClusterAdmin(EtcdClient client) {
        this.client = client;
    }

    // ---- membership ----------------------------------------------------------------------------

    public MemberList memberList() {
        var r = client.call(
                "member list", () -> client.jetcd().getClusterClient().listMember());
        return new MemberList(Header.of(r.getHeader()), MemberInfo.of(r.getMembers()));
    }

    /**
     * The member list as etcd's {@code MemberListResponse} message in its protobuf encoding, as the
     * server sent it ({@code -w protobuf}).
     *
     * @return the encoded {@code etcdserverpb.MemberListResponse}
     */
    public byte[] memberListMessage() {
        return client.call("member list", () -> io.googo.etcd.core.client.RawRpc.memberList(client));
    }

    /**
     * Adds a member that will listen for peers at {@code peerUrls}; it joins when it is started with
     * {@code --initial-cluster-state existing}.
     *
     * @param learner add it as a non-voting learner (promote it once it has caught up)
     */
    public MemberAdded memberAdd(List<String> peerUrls, boolean learner) {
        List<URI> urls = PeerUrls.parse(peerUrls);
        var r = client.call(
                "member add " + String.join(",", peerUrls),
                () -> client.jetcd().getClusterClient().addMember(urls, learner));
        return new MemberAdded(Header.of(r.getHeader()), MemberInfo.of(r.getMember()), MemberInfo.of(r.getMembers()));
    }

    public MemberChanged memberRemove(long id) {
        var r = client.call(
                "member remove " + Long.toHexString(id),
                () -> client.jetcd().getClusterClient().removeMember(id));
        return new MemberChanged(
                MemberChanged.Change.REMOVED, id, Header.of(r.getHeader()), MemberInfo.of(r.getMembers()));
    }

    public MemberChanged memberUpdate(long id, List<String> peerUrls) {
        List<URI> urls = PeerUrls.parse(peerUrls);
        var r = client.call(
                "member update " + Long.toHexString(id),
                () -> client.jetcd().getClusterClient().updateMember(id, urls));
        return new MemberChanged(
                MemberChanged.Change.UPDATED, id, Header.of(r.getHeader()), MemberInfo.of(r.getMembers()));
    }

    /** Makes a learner a voting member; etcd refuses until the learner has caught up with the leader. */
    public MemberChanged memberPromote(long id) {
        var r = client.call(
                "member promote " + Long.toHexString(id),
                () -> client.jetcd().getClusterClient().promoteMember(id));
        return new MemberChanged(
                MemberChanged.Change.PROMOTED, id, Header.of(r.getHeader()), MemberInfo.of(r.getMembers()));
    }

    /** The client URLs of every member in the member list (learners too), for {@code --cluster}. */
    public List<String> memberEndpoints() {
        Set<String> out = new LinkedHashSet<>();
        for (MemberInfo m : memberList().members()) {
            out.addAll(m.clientUrls());
        }
        if (out.isEmpty()) {
            throw new EtcdException(ErrorKind.SERVER, "member list: no member has a client URL");
        }
        return List.copyOf(out);
    }

    // ---- per endpoint --------------------------------------------------------------------------

    /** Each endpoint's status; a dead endpoint is a result with its error. */
    public List<EndpointStatus> status(List<String> endpoints) {
        return perEndpoint(
                endpoints,
                true,
                (c, ep) -> {
                    long start = System.nanoTime();
                    try {
                        StatusResponse s = c.call(
                                "status", () -> c.jetcd().getMaintenanceClient().statusMember(ep));
                        return new EndpointStatus(
                                ep,
                                Header.of(s.getHeader()),
                                s.getVersion(),
                                s.getDbSize(),
                                s.getDbSizeInUse(),
                                s.getLeader(),
                                s.isLearner(),
                                s.getRaftIndex(),
                                s.getRaftTerm(),
                                s.getRaftAppliedIndex(),
                                s.getErrorList(),
                                since(start),
                                null,
                                null);
                    } catch (EtcdException e) {
                        return EndpointStatus.failed(ep, since(start), e);
                    }
                },
                (ep, e) -> EndpointStatus.failed(ep, Duration.ZERO, e));
    }

    /**
     * Each endpoint's health, as etcdctl checks it: a linearizable read of the key {@code health}
     * commits through raft (permission denied counts as committed), then no alarm may be active.
     */
    public List<EndpointHealth> health(List<String> endpoints) {
        ByteSequence key = ByteSequence.from("health", StandardCharsets.UTF_8);
        return perEndpoint(
                endpoints,
                true,
                (c, ep) -> {
                    try {
                        c.connect(); // 'took' is the read's, as etcdctl times it, not the connecting's
                    } catch (EtcdException e) {
                        return new EndpointHealth(ep, false, Duration.ZERO, e.getMessage());
                    }
                    long start = System.nanoTime();
                    try {
                        c.call("health", () -> c.jetcd().getKVClient().get(key));
                    } catch (EtcdException e) {
                        if (!String.valueOf(e.getMessage()).contains("permission denied")) {
                            return new EndpointHealth(ep, false, since(start), e.getMessage());
                        }
                    }
                    Duration took = since(start);
                    AlarmResponse alarms;
                    try {
                        alarms = c.call(
                                "alarm list",
                                () -> c.jetcd().getMaintenanceClient().listAlarms());
                    } catch (EtcdException e) {
                        return new EndpointHealth(ep, false, took, "unable to fetch the alarm list: " + e.getMessage());
                    }
                    if (!alarms.getAlarms().isEmpty()) {
                        StringBuilder sb = new StringBuilder("Active Alarm(s):");
                        for (AlarmMember a : alarms.getAlarms()) {
                            sb.append(' ').append(alarmName(a.getAlarmType()));
                        }
                        return new EndpointHealth(ep, false, took, sb.toString());
                    }
                    return new EndpointHealth(ep, true, took, null);
                },
                (ep, e) -> new EndpointHealth(ep, false, Duration.ZERO, e.getMessage()));
    }

    /** Each endpoint's hash of its key-value store at {@code revision} (0: the latest). */
    public List<EndpointHash> hashKv(List<String> endpoints, long revision) {
        return perEndpoint(
                endpoints,
                true,
                (c, ep) -> {
                    try {
                        var h = c.call(
                                "hashkv", () -> c.jetcd().getMaintenanceClient().hashKV(ep, revision));
                        return new EndpointHash(
                                ep,
                                Header.of(h.getHeader()),
                                Integer.toUnsignedLong(h.getHash()),
                                h.getCompacted(),
                                null);
                    } catch (EtcdException e) {
                        return new EndpointHash(ep, Header.EMPTY, 0, 0, e.getMessage(), e.kind());
                    }
                },
                (ep, e) -> new EndpointHash(ep, Header.EMPTY, 0, 0, e.getMessage(), e.kind()));
    }

    /**
     * Defragments each endpoint's member in turn (never in parallel: a member answers nothing else
     * while it defragments). A member that fails is a result with its error.
     */
    public List<DefragResult> defragment(List<String> endpoints) {
        return perEndpoint(
                endpoints,
                false,
                (c, ep) -> {
                    try {
                        c.call("defrag", () -> c.jetcd().getMaintenanceClient().defragmentMember(ep));
                        return new DefragResult(ep, null);
                    } catch (EtcdException e) {
                        return new DefragResult(ep, e.getMessage(), e.kind());
                    }
                },
                (ep, e) -> new DefragResult(ep, e.getMessage(), e.kind()));
    }

    // ---- maintenance ---------------------------------------------------------------------------

    /**
     * Compacts the history up to {@code revision}.
     *
     * @param physical wait until the compaction is physically applied on the member
     */
    public CompactResult compact(long revision, boolean physical) {
        if (revision < 1) {
            throw EtcdException.invalid("compaction: revision must be at least 1; got " + revision);
        }
        var r = client.callKv(
                "compaction " + revision,
                () -> client.kvClient()
                        .compact(
                                revision,
                                CompactOption.builder()
                                        .withCompactPhysical(physical)
                                        .build()));
        return new CompactResult(Header.of(r.getHeader()), revision, physical);
    }

    public AlarmList alarms() {
        var r = client.call(
                "alarm list", () -> client.jetcd().getMaintenanceClient().listAlarms());
        return new AlarmList(Header.of(r.getHeader()), alarms(r));
    }

    /** Disarms every active alarm; returns those disarmed. */
    public AlarmList disarmAll() {
        AlarmList active = alarms();
        List<AlarmInfo> disarmed = new ArrayList<>();
        Header header = active.header();
        for (AlarmInfo a : active.alarms()) {
            var r = client.call(
                    "alarm disarm " + Long.toHexString(a.memberId()),
                    () -> client.jetcd()
                            .getMaintenanceClient()
                            .alarmDisarm(new AlarmMember(a.memberId(), AlarmType.NOSPACE)));
            header = Header.of(r.getHeader());
            disarmed.addAll(alarms(r));
        }
        return new AlarmList(header, disarmed);
    }

    private static List<AlarmInfo> alarms(AlarmResponse r) {
        return r.getAlarms().stream()
                .map(a -> new AlarmInfo(a.getMemberId(), alarmName(a.getAlarmType())))
                .toList();
    }

    /** jetcd knows NONE and NOSPACE; etcd's third alarm, CORRUPT, reaches us as UNRECOGNIZED. */
    private static String alarmName(AlarmType t) {
        return switch (t) {
            case NOSPACE -> "NOSPACE";
            case NONE -> "NONE";
            default -> "CORRUPT";
        };
    }

    /**
     * Moves leadership to member {@code target}. The request must reach the leader, so it goes
     * over a connection to the leader's client URL, found through the status and member list.
     */
    public MoveLeaderResult moveLeader(long target) {
        List<EndpointStatus> statuses = status(client.endpoints());
        EndpointStatus any = statuses.stream()
                .filter(s -> s.ok() && s.leader() != 0)
                .findFirst()
                .orElseThrow(() -> new EtcdException(
                        ErrorKind.CONNECTION,
                        "move-leader: no endpoint reports a leader: "
                                + statuses.stream()
                                        .map(s -> s.endpoint() + ": " + (s.ok() ? "no leader" : s.error()))
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse("no endpoints")));
        long leader = any.leader();
        String leaderUrl = statuses.stream()
                .filter(s -> s.ok() && s.memberId() == leader)
                .map(EndpointStatus::endpoint)
                .findFirst()
                .orElse(null);
        if (leaderUrl == null) {
            boolean tls = client.config().usesTls();
            leaderUrl = memberList().members().stream()
                    .filter(m -> m.id() == leader)
                    .flatMap(m -> m.clientUrls().stream())
                    .filter(u -> u.startsWith("https://") == tls)
                    .findFirst()
                    .orElseThrow(() -> new EtcdException(
                            ErrorKind.SERVER,
                            "move-leader: the leader " + Long.toHexString(leader) + " has no "
                                    + (tls ? "https" : "http") + " client URL"));
        }
        try (EtcdClient c = EtcdClient.create(client.name() + "@" + leaderUrl, single(leaderUrl))) {
            var r = c.call(
                    "move-leader " + Long.toHexString(target),
                    () -> c.jetcd().getMaintenanceClient().moveLeader(target));
            return new MoveLeaderResult(Header.of(r.getHeader()), leader, target);
        }
    }

    /**
     * Streams a snapshot of the backend database from the member the client is connected to into
     * {@code file}: written to a temporary file beside it, synced to disk, then renamed over it. On any
     * failure (the server stops sending for a request timeout, the connection breaks, the thread is
     * interrupted) the temporary file is deleted and {@code file} is left as it was.
     *
     * @param progress called on the caller's thread with the bytes received so far; may be {@code null}
     */
    public SnapshotResult snapshot(Path file, LongConsumer progress) {
        return new SnapshotSaver(client).save(file, progress);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The client's settings for one endpoint alone: no auto-sync, no namespace. */
    private EtcdConfig single(String endpoint) {
        return client.config().toBuilder()
                .endpoints(endpoint)
                .autoSyncInterval(Duration.ZERO)
                .namespace(null)
                .build();
    }

    /**
     * Runs {@code task} against each endpoint over a client of its own, in parallel or in turn.
     * {@code failed} makes the result for an endpoint whose client could not be made or whose task
     * ran past every timeout.
     */
    private <T> List<T> perEndpoint(
            List<String> endpoints,
            boolean parallel,
            BiFunction<EtcdClient, String, T> task,
            BiFunction<String, EtcdException, T> failed) {
        List<String> eps = List.copyOf(new LinkedHashSet<>(endpoints));
        EtcdConfig c = client.config();
        // each task is bounded by its client's timeouts; this bound only guards against a hang
        long boundNanos = c.dialTimeout()
                .plus(c.requestTimeout().multipliedBy(3))
                .plusSeconds(5)
                .toNanos();
        if (!parallel || eps.size() == 1) {
            List<T> out = new ArrayList<>();
            for (String ep : eps) {
                out.add(one(ep, task, failed));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(eps.size(), MAX_PARALLEL), r -> {
            Thread t = new Thread(r, "gooetcd-endpoint");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String ep : eps) {
                futures.add(pool.submit(() -> one(ep, task, failed)));
            }
            long deadline = System.nanoTime() + boundNanos;
            List<T> out = new ArrayList<>();
            for (int i = 0; i < eps.size(); i++) {
                try {
                    out.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    out.add(failed.apply(
                            eps.get(i), new EtcdException(ErrorKind.TIMEOUT, eps.get(i) + ": no answer in time")));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    out.add(failed.apply(
                            eps.get(i),
                            cause instanceof EtcdException ee
                                    ? ee
                                    : new EtcdException(ErrorKind.SERVER, eps.get(i) + ": " + cause, cause)));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException(ErrorKind.INTERRUPTED, "interrupted while asking " + String.join(",", eps), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> T one(String ep, BiFunction<EtcdClient, String, T> task, BiFunction<String, EtcdException, T> failed) {
        EtcdClient c;
        try {
            c = EtcdClient.create(client.name() + "@" + ep, single(ep));
        } catch (EtcdException e) {
            return failed.apply(ep, e);
        }
        try (c) {
            return task.apply(c, ep);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
