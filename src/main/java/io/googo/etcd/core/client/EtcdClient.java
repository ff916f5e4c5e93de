package io.googo.etcd.core.client;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.key.KeyNames;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.PutOptions;
import io.googo.etcd.core.kv.PutResult;
import io.googo.etcd.core.kv.RangeReader;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.lease.LeaseGrant;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.lease.LeaseList;
import io.googo.etcd.core.lease.LeaseRenewal;
import io.googo.etcd.core.lease.LeaseRevoke;
import io.googo.etcd.core.lease.LeaseTimeToLive;
import io.googo.etcd.core.txn.TxnRequest;
import io.googo.etcd.core.txn.TxnResult;
import io.googo.etcd.core.txn.TxnRunner;
import io.googo.etcd.core.watch.WatchHandle;
import io.googo.etcd.core.watch.WatchListener;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One named connection to an etcd cluster: key-value and lease calls over jetcd's generated stubs on a
 * plain gRPC channel ({@link #kvClient()}, {@link DirectLease}), watches on that channel too
 * ({@link WatchStream}), everything else over a jetcd {@link Client} made on first use.
 *
 * <p>Every request is bounded: a unary gRPC call carries the request timeout as its deadline,
 * and the first calls, made before the client has ever reached the cluster, are retried on
 * "unavailable" only until the dial timeout. A failure is one {@link EtcdException} whose
 * message names the endpoints and the timeout. Thread-safe.
 *
 * <p>Threads: every client of the process shares one event loop for its key-value calls, and one
 * Vert.x event loop for jetcd's (daemon threads, each created on first use); jetcd adds a small
 * cached pool per client for its callbacks. {@link #close()} closes the connection; nothing left behind keeps
 * the JVM alive, so a program whose {@code main} closed its clients exits at once.
 */
public final class EtcdClient implements AutoCloseable {
    private final String name;
    private final EtcdConfig config;
    /** The connection and call machinery: transports, connect phase, auto-sync, close. */
    private final Connection connection;

    private EtcdClient(String name, EtcdConfig config) {
        this.name = name;
        this.config = config;
        this.connection = new Connection(this, name, config);
    }

    /**
     * Builds a client. No network call is made until the first request.
     *
     * @throws EtcdException INVALID_INPUT or IO when the TLS files are unusable
     */
    public static EtcdClient create(String name, EtcdConfig config) {
        ClassWarmup.finish();
        return new EtcdClient(name, config);
    }

    public String name() {
        return name;
    }

    public EtcdConfig config() {
        return config;
    }

    /**
     * The endpoints requests go to now: the configured ones, or with auto-sync
     * ({@link EtcdConfig#autoSyncInterval()} &gt; 0) the client URLs of the cluster's started voting
     * members as last read from the member list.
     */
    public List<String> endpoints() {
        return connection.endpoints();
    }

    /**
     * Auto-sync now: reads the member list and points this client at its members' client URLs,
     * without waiting for the next tick. Long-running work may call it after a lost connection.
     *
     * @return the endpoints in use afterwards
     * @throws EtcdException UNSUPPORTED when auto-sync is off; else as any request
     */
    public List<String> syncEndpoints() {
        return connection.syncEndpoints();
    }

    /**
     * Turns the failure of an operation this class does not wrap (a stream, say) into the one
     * exception {@link #call} would have thrown for it.
     */
    public EtcdException failure(String what, Throwable t) {
        return connection.failure(what, t);
    }

    /**
     * A transaction of etcd's protocol messages on this client (see {@link ProtoTxn}); send it with
     * {@link #call} for the deadline and the error mapping.
     *
     * @return an empty transaction
     */
    public ProtoTxn protoTxn() {
        return new ProtoTxn(this);
    }

    JetcdChannel channel() {
        return connection.channel();
    }

    /**
     * The jetcd client underneath, for what this class does not wrap (made on first use, on the
     * process's shared Vert.x event loop). Calls made on it directly have no deadline of ours.
     * The key-value calls of this class go over {@link #kvClient()} instead.
     */
    public Client jetcd() {
        return connection.jetcd();
    }

    /** The direct transport (made on first use); see {@link DirectTransport}. */
    DirectTransport direct() {
        return connection.direct();
    }

    /**
     * jetcd's key-value API on this client's direct transport: jetcd's generated stubs on a plain
     * gRPC channel with one event-loop thread, no Vert.x (see the architecture notes). Same
     * endpoints, TLS, auth, namespace and limits as {@link #jetcd()}; run its calls through
     * {@link #call} for the deadline and the error mapping.
     *
     * @return the key-value API
     */
    public KV kvClient() {
        return direct().kv();
    }

    /**
     * Runs one jetcd operation bounded by the request timeout (plus the dial timeout while the
     * client has not yet reached the cluster). Never call it on a jetcd callback thread.
     *
     * @param what names the operation in an error message, e.g. {@code "get foo"}
     */
    public <T> T call(String what, Supplier<CompletableFuture<T>> op) {
        return connection.call(what, op, false);
    }

    /**
     * {@link #call} for an operation made on {@link #kvClient()} or {@link #protoTxn()}: bounded and
     * its failure mapped the same way, the connect phase waiting for the key-value transport's
     * channel instead of jetcd's.
     *
     * @param what names the operation in an error message, e.g. {@code "get foo"}
     * @param op   starts the operation
     * @param <T>  the result's type
     * @return the operation's result
     */
    public <T> T callKv(String what, Supplier<CompletableFuture<T>> op) {
        return connection.call(what, op, true);
    }

    /**
     * Connects now, if this client has not yet reached the cluster: returns once the connection is
     * up or has failed (the next request then says why), bounded as a request is. Lets a caller
     * time a request without the connecting (as {@code endpoint health} does).
     *
     * @throws EtcdException CONNECTION when the server does not complete the connection in time
     */
    public void connect() {
        connection.connect();
    }

    /** A request under way, started by {@link #begin}. */
    public interface Pending<T> {
        /** Waits for the answer, bounded as {@link #call} is; never call it on a jetcd callback thread. */
        T get();

        /** Gives up on the answer (when it will not be wanted after all). */
        void cancel();
    }

    /**
     * Starts one jetcd operation now and waits for it later, so that a caller can overlap a
     * request with its own work (a paged read asks for the next page while it writes this one).
     * The wait is bounded by the request timeout counted from the start, and a failure is the
     * exception {@link #call} would have thrown. Before the client has reached the cluster it
     * starts nothing: {@link Pending#get()} is then a plain {@link #call}, with its retries.
     */
    public <T> Pending<T> begin(String what, Supplier<CompletableFuture<T>> op) {
        return connection.begin(what, op, false);
    }

    /**
     * {@link #begin} for an operation made on {@link #kvClient()} (see {@link #callKv}).
     *
     * @param what names the operation in an error message
     * @param op   starts the operation
     * @param <T>  the result's type
     * @return the request under way
     */
    public <T> Pending<T> beginKv(String what, Supplier<CompletableFuture<T>> op) {
        return connection.begin(what, op, true);
    }

    /** Checks that the cluster answers (a member list, which any authenticated user may read). */
    public void ping() {
        call("ping", () -> jetcd().getClusterClient().listMember());
    }

    // ---- key-value -------------------------------------------------------------------------

    /** Put with every option of {@link PutOptions}: TTL, compare-and-swap, ignore-value/lease. */
    public PutResult put(byte[] key, byte[] value, PutOptions o) {
        KeyNames.checkKey(key, "key");
        String what = "put " + printable(key);
        long lease = o.lease();
        long granted = 0;
        if (o.ttl() != null) {
            granted = grant(o.ttl()).id();
            lease = granted;
        }
        try {
            if (o.conditional() || o.ignoreValue() || o.ignoreLease()) {
                return putIf(what, key, value, lease, o);
            }
            PutOption.Builder po = PutOption.builder().withLeaseId(lease);
            if (o.prevKv()) {
                po.withPrevKV();
            }
            var r = callKv(what, () -> kv().put(seq(key), seq(value), po.build()));
            return new PutResult(Header.of(r.getHeader()), r.hasPrevKv() ? Kv.of(r.getPrevKv()) : null);
        } catch (RuntimeException e) {
            if (granted != 0) {
                revokeQuietly(granted);
            }
            throw e;
        }
    }

    public PutResult put(String key, String value) {
        return put(bytes(key).getBytes(), bytes(value).getBytes(), PutOptions.DEFAULT);
    }

    /** Put-with-TTL: grants a lease of {@code ttl} and attaches it. */
    public PutResult putWithTtl(String key, String value, Duration ttl) {
        return put(
                bytes(key).getBytes(),
                bytes(value).getBytes(),
                PutOptions.builder().ttl(ttl).build());
    }

    /**
     * Compare-and-swap on mod revision: writes only if the key's mod_revision is {@code modRevision}.
     *
     * <p>{@code 0} means "only if the key does not exist" (etcd's mod_revision of a missing key is 0),
     * as in etcd's own compare. This differs from the Go library this one follows, whose
     * {@code PutWithModRev(k, v, 0)} is a plain put: for that call {@link #put(String, String)}; for
     * "create only" {@link #putIfAbsent(String, String)} says it by name.
     *
     * @param key         the key (UTF-8)
     * @param value       the value (UTF-8)
     * @param modRevision the mod_revision the key must have, 0 for "absent"
     * @return the put's result
     * @throws EtcdException PRECONDITION naming what the key holds when the condition does not hold
     */
    public PutResult putIfModRevision(String key, String value, long modRevision) {
        return put(
                bytes(key).getBytes(),
                bytes(value).getBytes(),
                PutOptions.builder().ifModRevision(modRevision).build());
    }

    /**
     * A put in a transaction: guarded by the compare-and-swap conditions, if any (the else branch
     * reads the key, so a mismatch reports what it holds), and with etcd's ignore_value and
     * ignore_lease flags (a missing key is then etcd's "key not found").
     */
    private PutResult putIf(String what, byte[] key, byte[] value, long lease, PutOptions o) {
        // jetcd's put has no ignore_value/ignore_lease: a transaction of etcd's own messages has them
        TxnResponse r = callKv(what, () -> {
            ProtoTxn t = protoTxn();
            if (o.ifModRevision() != null) {
                t.compare(
                        key,
                        io.etcd.jetcd.api.Compare.CompareTarget.MOD,
                        io.etcd.jetcd.api.Compare.CompareResult.EQUAL,
                        o.ifModRevision());
            }
            if (o.ifValue() != null) {
                t.compareValue(key, io.etcd.jetcd.api.Compare.CompareResult.EQUAL, o.ifValue());
            }
            return t.op(true, t.put(key, value, lease, o.prevKv(), o.ignoreValue(), o.ignoreLease()))
                    .op(false, t.get(key, GetOption.DEFAULT))
                    .commit();
        });
        if (!r.isSucceeded()) {
            List<io.etcd.jetcd.KeyValue> cur = r.getGetResponses().isEmpty()
                    ? List.of()
                    : r.getGetResponses().get(0).getKvs();
            throw mismatch(what, o, cur.isEmpty() ? null : Kv.of(cur.get(0)));
        }
        var put = r.getPutResponses().get(0);
        return new PutResult(Header.of(r.getHeader()), put.hasPrevKv() ? Kv.of(put.getPrevKv()) : null);
    }

    private static EtcdException mismatch(String what, PutOptions o, Kv current) {
        StringBuilder sb = new StringBuilder(what).append(": condition not met: ");
        if (current == null) {
            sb.append("the key does not exist");
        } else {
            sb.append("the key's mod_revision is ").append(current.modRevision());
            if (o.ifValue() != null) {
                sb.append(" and its value is '")
                        .append(printable(current.value()))
                        .append('\'');
            }
        }
        if (o.ifModRevision() != null) {
            sb.append(
                    o.ifModRevision() == 0
                            ? " (expected no key)"
                            : " (expected mod_revision " + o.ifModRevision() + ")");
        }
        if (o.ifValue() != null) {
            sb.append(" (expected value '").append(printable(o.ifValue())).append("')");
        }
        return new EtcdException(ErrorKind.PRECONDITION, sb.toString());
    }

    /** Reads a whole range into memory. For large ranges use {@link #get(byte[], GetOptions, RangeSink)}. */
    public GetResult get(byte[] key, GetOptions o) {
        List<Kv> kvs = new ArrayList<>();
        Header[] header = {Header.EMPTY};
        long[] count = {0};
        boolean[] more = {false};
        get(key, o, new RangeSink() {
            @Override
            public void begin(Header h, long c) {
                header[0] = h;
            }

            @Override
            public void kv(Kv kv) {
                kvs.add(kv);
            }

            @Override
            public void end(long c, boolean m) {
                count[0] = c;
                more[0] = m;
            }
        });
        return new GetResult(header[0], List.copyOf(kvs), count[0], more[0]);
    }

    /** Streams a range to {@code sink}, page by page at one revision (see {@link GetOptions#pageSize()}). */
    public void get(byte[] key, GetOptions o, RangeSink sink) {
        new RangeReader(this).read(key, o, sink);
    }

    public GetResult get(String key) {
        return get(bytes(key).getBytes(), GetOptions.DEFAULT);
    }

    /** The value of {@code key} as UTF-8, or {@code null} when absent. */
    public String getValue(String key) {
        GetResult r = get(key);
        return r.kvs().isEmpty() ? null : r.kvs().get(0).valueString();
    }

    public DeleteResult delete(byte[] key, DeleteOptions o) {
        KeyRanges.Range range = KeyRanges.of(key, o.rangeEnd(), o.prefix(), o.fromKey());
        DeleteOption.Builder d = DeleteOption.builder().withPrevKV(o.prevKv());
        if (range.end() != null) {
            d.withRange(seq(range.end()));
        }
        var r = callKv("del " + printable(key), () -> kv().delete(seq(range.start()), d.build()));
        List<Kv> prev = new ArrayList<>();
        r.getPrevKvs().forEach(kv -> prev.add(Kv.of(kv)));
        return new DeleteResult(Header.of(r.getHeader()), r.getDeleted(), List.copyOf(prev));
    }

    public DeleteResult delete(String key) {
        return delete(bytes(key).getBytes(), DeleteOptions.DEFAULT);
    }

    // ---- String overloads and the Go library's quick-start calls --------------------------

    /**
     * Put with options, key and value as UTF-8.
     *
     * @param key   the key
     * @param value the value
     * @param o     the options ({@link PutOptions#DEFAULT} for none)
     * @return the put's result
     */
    public PutResult put(String key, String value, PutOptions o) {
        return put(utf8(key, "key"), utf8(value, "value"), o);
    }

    /**
     * Writes {@code key} only if it does not exist (one transaction).
     *
     * @param key   the key (UTF-8)
     * @param value the value (UTF-8)
     * @return {@code true} if written, {@code false} if the key already existed (it is left as it was)
     */
    public boolean putIfAbsent(String key, String value) {
        return putIfAbsent(utf8(key, "key"), utf8(value, "value"));
    }

    /**
     * Writes {@code key} only if it does not exist (one transaction).
     *
     * @param key   the key
     * @param value the value
     * @return {@code true} if written, {@code false} if the key already existed (it is left as it was)
     */
    public boolean putIfAbsent(byte[] key, byte[] value) {
        KeyNames.checkKey(key, "key");
        TxnResponse r = callKv(
                "put " + printable(key),
                () -> kv().txn()
                        .If(new Cmp(seq(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(seq(key), seq(value), PutOption.DEFAULT))
                        .commit());
        return r.isSucceeded();
    }

    /**
     * Reads with options, the key as UTF-8.
     *
     * @param key the key (or the start of the range the options make)
     * @param o   the options ({@link GetOptions#DEFAULT} for one key)
     * @return what was read
     */
    public GetResult get(String key, GetOptions o) {
        return get(utf8(key, "key"), o);
    }

    /**
     * Deletes with options, the key as UTF-8.
     *
     * @param key the key (or the start of the range the options make)
     * @param o   the options ({@link DeleteOptions#DEFAULT} for one key)
     * @return what was deleted
     */
    public DeleteResult delete(String key, DeleteOptions o) {
        return delete(utf8(key, "key"), o);
    }

    /**
     * A try-lock on a lease the caller holds, the Go library's {@code GetLock(key, leaseID)}: creates
     * {@code key} attached to {@code leaseId} if no one holds it, in one transaction, without waiting.
     * The lock lasts as long as the lease (keep it alive with {@link #keepAlive}) or until
     * {@link #unlock(String, long)}. The key's value is the lease ID in hex, so a reader sees the holder.
     * For a lock that waits, with a session of its own, see {@link io.googo.etcd.core.lock.DistributedLock}.
     *
     * @param key     the lock's whole key (UTF-8)
     * @param leaseId a lease granted by {@link #grant(Duration)}
     * @return {@code true} if this lease now holds the lock; {@code false} if someone holds it
     * @throws EtcdException SERVER ("requested lease not found") when the lease does not exist
     */
    public boolean tryLock(String key, long leaseId) {
        byte[] k = utf8(key, "lock key");
        KeyNames.checkKey(k, "lock key");
        TxnResponse r = callKv(
                "lock " + printable(k),
                () -> kv().txn()
                        .If(new Cmp(seq(k), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(
                                seq(k),
                                bytes(LeaseIds.hex(leaseId)),
                                PutOption.builder().withLeaseId(leaseId).build()))
                        .commit());
        return r.isSucceeded();
    }

    /**
     * Releases a lock taken with {@link #tryLock(String, long)}: deletes the key only if
     * {@code leaseId} holds it, so a lock someone else took after ours expired is left alone.
     *
     * @param key     the lock's key (UTF-8)
     * @param leaseId the lease that took it
     * @return {@code true} if it was released; {@code false} if this lease did not hold it
     */
    public boolean unlock(String key, long leaseId) {
        byte[] k = utf8(key, "lock key");
        KeyNames.checkKey(k, "lock key");
        TxnResponse r = callKv(
                "unlock " + printable(k),
                () -> kv().txn()
                        .If(
                                new Cmp(seq(k), Cmp.Op.EQUAL, CmpTarget.value(bytes(LeaseIds.hex(leaseId)))),
                                new Cmp(seq(k), Cmp.Op.GREATER, CmpTarget.createRevision(0)))
                        .Then(Op.delete(seq(k), DeleteOption.DEFAULT))
                        .commit());
        return r.isSucceeded();
    }

    private static byte[] utf8(String s, String what) {
        if (s == null) {
            throw EtcdException.invalid(what + " must not be null");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- transactions and watches -----------------------------------------------------------

    /** Runs a transaction; its results come back in the order of the branch's operations. */
    public TxnResult txn(TxnRequest request) {
        return new TxnRunner(this).run(request);
    }

    /**
     * A watcher of {@code key} (or the range the options make of it) that resumes by itself after a
     * lost connection and delivers each event exactly once. Not started: call {@link Watcher#start()}
     * before {@link Watcher#poll} (which fails otherwise), or use {@link #watch(byte[], WatchOptions)}.
     *
     * @param key     the key, or the start of the range
     * @param options what to watch and from which revision
     * @return the watcher, not started
     */
    public Watcher watcher(byte[] key, WatchOptions options) {
        return new Watcher(this, key, options);
    }

    /**
     * {@link #watcher(byte[], WatchOptions)} with the key as UTF-8.
     *
     * @param key     the key, or the start of the range
     * @param options what to watch and from which revision
     * @return the watcher, not started
     */
    public Watcher watcher(String key, WatchOptions options) {
        return watcher(utf8(key, "key"), options);
    }

    /**
     * A started watcher, pull style: {@link Watcher#poll} in a loop, {@link Watcher#close()} when done.
     * Without a start revision it delivers the changes after the current revision.
     *
     * @param key     the key, or the start of the range
     * @param options what to watch and from which revision
     * @return the started watcher
     * @throws EtcdException CONNECTION/TIMEOUT when the cluster cannot be reached
     */
    public Watcher watch(byte[] key, WatchOptions options) {
        Watcher w = watcher(key, options);
        try {
            return w.start();
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * {@link #watch(byte[], WatchOptions)} with the key as UTF-8.
     *
     * @param key     the key, or the start of the range
     * @param options what to watch and from which revision
     * @return the started watcher
     */
    public Watcher watch(String key, WatchOptions options) {
        return watch(utf8(key, "key"), options);
    }

    /**
     * A push-style watch: each event goes to {@code listener} on a thread of the watch's own, in
     * revision order, exactly once, across lost connections; close the handle to stop. Costs two
     * daemon threads (delivery, and the watcher's resume scheduler).
     *
     * @param key      the key, or the start of the range
     * @param options  what to watch and from which revision
     * @param listener told about each event, and about the error that ends the watch
     * @return the running watch
     * @throws EtcdException CONNECTION/TIMEOUT when the cluster cannot be reached (before any event)
     */
    public WatchHandle watch(byte[] key, WatchOptions options, WatchListener listener) {
        return WatchHandle.deliver(watch(key, options), listener, "gooetcd-watch-listener-" + name);
    }

    /**
     * {@link #watch(byte[], WatchOptions, WatchListener)} with the key as UTF-8.
     *
     * @param key      the key, or the start of the range
     * @param options  what to watch and from which revision
     * @param listener told about each event, and about the error that ends the watch
     * @return the running watch
     */
    public WatchHandle watch(String key, WatchOptions options, WatchListener listener) {
        return watch(utf8(key, "key"), options, listener);
    }

    // ---- leases ----------------------------------------------------------------------------

    /** Grants a lease; the TTL must be a whole number of seconds (etcd counts leases in seconds). */
    public LeaseGrant grant(Duration ttl) {
        long seconds = ttl.getSeconds();
        if (ttl.getNano() != 0 || seconds < 1) {
            throw EtcdException.invalid(
                    "ttl must be a whole number of seconds, at least 1s; got " + Durations.format(ttl));
        }
        return callKv("lease grant", () -> lease().grant(seconds));
    }

    /** Revokes a lease; the keys attached to it are deleted. An unknown lease is a SERVER error ("lease not found"). */
    public LeaseRevoke revoke(long leaseId) {
        return callKv("lease revoke " + LeaseIds.hex(leaseId), () -> lease().revoke(leaseId));
    }

    /**
     * Revokes a lease without waiting: the request is bounded by the request timeout, and fails with
     * the {@link EtcdException} {@link #revoke(long)} would throw. Canceling the result gives up on the
     * request. Dependent stages run on a gRPC thread and must not block.
     *
     * @param leaseId the lease
     * @return the revocation under way
     */
    public CompletableFuture<LeaseRevoke> revokeAsync(long leaseId) {
        return connection.startKv("lease revoke " + LeaseIds.hex(leaseId), () -> lease().revoke(leaseId));
    }

    /**
     * The time a lease has left, and its attached keys when {@code keys}. A lease that does not exist
     * is no error: it comes back with TTL -1 ({@link LeaseTimeToLive#expired()}), as etcd says it.
     */
    public LeaseTimeToLive timeToLive(long leaseId, boolean keys) {
        return callKv("lease timetolive " + LeaseIds.hex(leaseId), () -> lease().timeToLive(leaseId, keys));
    }

    /** Every lease of the cluster (etcd's LeaseLeases, which jetcd does not wrap: see {@link LeaseRpc}). */
    public LeaseList leases() {
        return callKv("lease list", () -> lease().leases());
    }

    /**
     * Renews a lease once.
     *
     * @throws EtcdException INTERRUPTED when the lease does not exist (expired or revoked)
     */
    public LeaseRenewal keepAliveOnce(long leaseId) {
        String what = "lease keep-alive " + LeaseIds.hex(leaseId);
        var r = callKv(
                what,
                () -> lease().keepAliveOnce(leaseId, config.requestTimeout().toNanos()));
        if (r.ttl() <= 0) {
            throw new EtcdException(ErrorKind.INTERRUPTED, "lease " + LeaseIds.hex(leaseId) + " expired or revoked");
        }
        return r;
    }

    /**
     * Renews a lease once, asynchronously, giving up after {@code timeout}. Completes with the renewal
     * (TTL 0 when the lease does not exist) or fails with an {@link EtcdException}. Nothing runs on the
     * caller's thread; dependent stages run on a gRPC thread and must not block.
     */
    public CompletableFuture<LeaseRenewal> keepAliveOnceAsync(long leaseId, Duration timeout) {
        return connection.startKv(
                "lease keep-alive " + LeaseIds.hex(leaseId), () -> lease().keepAliveOnce(leaseId, timeout.toNanos()));
    }

    /** The lease calls, on the direct transport (see {@link DirectLease}). */
    private DirectLease lease() {
        return new DirectLease(
                direct(),
                config.namespace() == null ? new byte[0] : config.namespace().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this client has made its jetcd {@code Client} (and so uses Vert.x); for tests. */
    boolean hasJetcd() {
        return connection.hasJetcd();
    }

    /** Keeps a lease alive until closed or lost: see {@link LeaseKeeper}. */
    public LeaseKeeper keepAlive(long leaseId, LeaseKeeper.Listener listener) {
        return LeaseKeeper.start(this, leaseId, listener);
    }

    private void revokeQuietly(long leaseId) {
        try {
            revoke(leaseId);
        } catch (RuntimeException ignored) {
            // the lease expires by itself after its TTL
        }
    }

    KV kv() {
        return kvClient();
    }

    static ByteSequence seq(byte[] b) {
        return ByteSequence.from(b);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** A key or value for an error message: UTF-8 with control characters escaped, at most 64 characters. */
    public static String printable(byte[] b) {
        String s = KeyNames.printable(new String(b, StandardCharsets.UTF_8));
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    /**
     * Closes the connection (and this client's jetcd executor). The process-wide event loop the
     * clients share stays, idle, on a daemon thread, so a program that closed its clients exits at once.
     */
    @Override
    public void close() {
        connection.close();
    }

    /**
     * Stops the event loop all clients of this process share, waiting at most a second for its
     * thread to end; a client made afterwards starts a new one. Call it after closing every
     * client when the process is about to call {@code System.exit}: the JVM's exit waits up to
     * 300 ms for threads in native code, as the idle loop is. A program that simply returns from
     * {@code main} need not: the loop's thread is a daemon.
     */
    public static void stopSharedEventLoop() {
        Connection.stopSharedEventLoop();
    }

    @Override
    public String toString() {
        return "EtcdClient{" + name + " " + endpoints() + "}";
    }

    // ---- etcd's own messages (-w protobuf) --------------------------------------------------

    /**
     * One range request for {@code key} with {@code o}'s range, limit, revision, sort and filters,
     * as etcdctl sends it (no paging: {@link GetOptions#pageSize()} is not used), answered with
     * etcd's {@code RangeResponse} message in its protobuf encoding, exactly as the server sent it.
     *
     * @param key the key, or the start of the range
     * @param o   the range and its options
     * @return the encoded {@code etcdserverpb.RangeResponse}
     */
    public byte[] getMessage(byte[] key, GetOptions o) {
        KeyRanges.Range range = KeyRanges.of(key, o.rangeEnd(), o.prefix(), o.fromKey());
        GetOption opt = RangeReader.option(range.end(), o, o.limit(), o.revision(), false);
        return RawMessages.bytes(callKv("get " + printable(key), () -> kv().get(seq(range.start()), opt)));
    }

    /**
     * A plain put (no TTL, no condition, no ignore-value or ignore-lease: those are not one put
     * request), answered with etcd's {@code PutResponse} message in its protobuf encoding.
     *
     * @param key    the key
     * @param value  the value
     * @param lease  the lease to attach, 0 for none
     * @param prevKv ask for the previous key-value
     * @return the encoded {@code etcdserverpb.PutResponse}
     */
    public byte[] putMessage(byte[] key, byte[] value, long lease, boolean prevKv) {
        KeyNames.checkKey(key, "key");
        PutOption.Builder po = PutOption.builder().withLeaseId(lease);
        if (prevKv) {
            po.withPrevKV();
        }
        return RawMessages.bytes(callKv("put " + printable(key), () -> kv().put(seq(key), seq(value), po.build())));
    }

    /**
     * The delete of {@link #delete(byte[], DeleteOptions)}, answered with etcd's
     * {@code DeleteRangeResponse} message in its protobuf encoding.
     *
     * @param key the key, or the start of the range
     * @param o   the range and whether to return the deleted key-values
     * @return the encoded {@code etcdserverpb.DeleteRangeResponse}
     */
    public byte[] deleteMessage(byte[] key, DeleteOptions o) {
        KeyRanges.Range range = KeyRanges.of(key, o.rangeEnd(), o.prefix(), o.fromKey());
        DeleteOption.Builder d = DeleteOption.builder().withPrevKV(o.prevKv());
        if (range.end() != null) {
            d.withRange(seq(range.end()));
        }
        return RawMessages.bytes(callKv("del " + printable(key), () -> kv().delete(seq(range.start()), d.build())));
    }

    /**
     * The transaction of {@link #txn(TxnRequest)}, answered with etcd's {@code TxnResponse} message
     * in its protobuf encoding, as the server sent it.
     *
     * @param request the transaction
     * @return the encoded {@code etcdserverpb.TxnResponse}
     */
    public byte[] txnMessage(TxnRequest request) {
        return RawMessages.bytes(new TxnRunner(this).send(request));
    }
}
