package io.googo.etcd.core.lock;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.key.ConcurrencyKeys;
import io.googo.etcd.core.lease.LeaseLost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A lock shared through etcd, interoperable with etcd's own {@code concurrency.Mutex} and with
 * {@code etcdctl lock}: the same key layout (KEYS.md, {@link ConcurrencyKeys}) and the same
 * protocol, so all of them exclude each other on the same name.
 *
 * <p>The lock owns a session: a lease of {@code ttl} granted on first use and kept alive by a
 * {@link io.googo.etcd.core.lease.LeaseKeeper}, to which its key is attached, so a holder that
 * dies releases the lock after at most the TTL. Locking puts the key {@code NAME/LEASEHEX} in a
 * transaction and, when an older key exists, waits for the next older one only to be deleted.
 *
 * <p>While held, the lock can be lost: the lease not renewed in time (reported a safety margin of a
 * fifth of the TTL, at most 2 s, before it may expire on the server), or its key deleted (the lease
 * revoked by someone, the key removed). Then {@link #lost()} completes and {@link #isHeld()} turns
 * false: whoever relies on the lock must stop at once. Not reentrant; meant for one thread at a time.
 *
 * <pre>{@code
 * try (DistributedLock lock = new DistributedLock(client, "jobs/nightly", Duration.ofSeconds(10))) {
 *     if (lock.tryLock(Duration.ofSeconds(5))) {
 *         ... work while lock.isHeld() ...
 *     }
 * }   // unlocks and revokes the session lease
 * }</pre>
 */
public final class DistributedLock implements AutoCloseable {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    private final EtcdClient client;
    private final String name;
    private final String prefix;
    private final Duration ttl;
    private LockSession session;
    private String key;
    private long createRevision;
    private long revision;
    private String holder;
    private Watch.Watcher ownKeyWatch;
    private boolean closed;

    /**
     * @param name the lock name (KEYS.md rules: not empty, no {@code \}, no control characters, no
     *             {@code ..} segment, at most 1 KiB)
     * @param ttl  the session lease's TTL, whole seconds, at least 1 s
     * @throws EtcdException INVALID_INPUT for a bad name or TTL; nothing is sent
     */
    public DistributedLock(EtcdClient client, String name, Duration ttl) {
        this.client = client;
        this.prefix = ConcurrencyKeys.lockPrefix(name);
        this.name = name;
        this.ttl = checkTtl(ttl);
    }

    public DistributedLock(EtcdClient client, String name) {
        this(client, name, DEFAULT_TTL);
    }

    /** A session TTL must be a whole number of seconds, at least 1 s (etcd counts leases in seconds). */
    public static Duration checkTtl(Duration ttl) {
        if (ttl == null || ttl.getNano() != 0 || ttl.getSeconds() < 1) {
            throw EtcdException.invalid("ttl must be a whole number of seconds, at least 1s; got "
                    + (ttl == null ? "nothing" : Durations.format(ttl)));
        }
        return ttl;
    }

    public String name() {
        return name;
    }

    /** Waits as long as it takes. @throws EtcdException INTERRUPTED when interrupted or the session is lost */
    public void lock() {
        acquire(Long.MAX_VALUE, false);
    }

    /** Takes the lock if it is free now; never waits and leaves no key behind when it is not. */
    public boolean tryLock() {
        return acquire(0, true);
    }

    /** Waits at most {@code timeout}; on {@code false} no key of ours is left behind. */
    public boolean tryLock(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return acquire(deadline == Long.MAX_VALUE ? deadline - 1 : deadline, false);
    }

    /** Whether the lock is held now: acquired, not released, not lost. */
    public synchronized boolean isHeld() {
        return key != null && session != null && !session.isLost();
    }

    /** The key that holds the lock ({@code NAME/LEASEHEX}), or null when not held. */
    public synchronized String key() {
        return key;
    }

    /** The revision at which the lock was acquired (etcdctl's {@code ETCD_LOCK_REV}); 0 when not held. */
    public synchronized long revision() {
        return key == null ? 0 : revision;
    }

    /** The create revision of our key: a fencing token that grows with every acquisition of this name. */
    public synchronized long createRevision() {
        return key == null ? 0 : createRevision;
    }

    /** The session lease's ID; 0 before the first attempt. */
    public synchronized long leaseId() {
        return session == null ? 0 : session.leaseId();
    }

    /** The key of the holder seen by the last attempt that did not get the lock, else null. */
    public synchronized String holder() {
        return holder;
    }

    /**
     * Completes when the session is lost (lease not renewed in time, revoked, or our key deleted); a
     * new future once a new session starts. Completes on a thread of the library: do not block in it.
     */
    public synchronized CompletableFuture<LeaseLost> lost() {
        if (session == null) {
            return new CompletableFuture<>();
        }
        return session.lost().copy();
    }

    /**
     * Releases the lock: deletes our key. Does nothing when not held. The session lives on for reuse.
     * After a loss there is nothing to delete (the key is gone, or goes with the lease), so nothing is sent.
     */
    public void unlock() {
        String k;
        boolean lost;
        synchronized (this) {
            k = key;
            key = null;
            lost = session == null || session.lost().isDone();
            stopWatchingOwnKey();
        }
        if (k != null && !lost) {
            String kk = k;
            Waits.uninterrupted(() -> client.call(
                    "unlock " + name,
                    () -> client.jetcd().getKVClient().delete(Waits.bytes(kk), DeleteOption.DEFAULT)));
        }
    }

    /** Unlocks if held and revokes the session lease. Errors are swallowed: the lease expires anyway. */
    @Override
    public void close() {
        LockSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
            session = null;
        }
        String k;
        synchronized (this) {
            k = key;
            key = null;
            stopWatchingOwnKey();
        }
        if (s != null) {
            if (k != null && !s.lost().isDone()) {
                deleteQuietly(k);
            }
            s.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private LockSession session() {
        synchronized (this) {
            if (closed) {
                throw EtcdException.invalid("lock " + name + " is closed");
            }
            if (key != null) {
                throw EtcdException.invalid("lock " + name + " is already held by this object");
            }
            if (session != null && !session.isLost()) {
                return session;
            }
        }
        LockSession old;
        LockSession fresh = LockSession.open(client, ttl, LockSession.marginFor(ttl));
        synchronized (this) {
            old = session;
            session = fresh;
        }
        if (old != null) {
            old.close();
        }
        return fresh;
    }

    private boolean acquire(long deadlineNanos, boolean tryOnly) {
        String what = "lock " + name;
        LockSession s = session();
        String myKey = ConcurrencyKeys.lockKey(name, s.leaseId());
        ByteSequence k = Waits.bytes(myKey);
        ByteSequence p = Waits.bytes(prefix);
        GetOption owner = Waits.firstCreate();
        TxnResponse r = client.call(
                what,
                () -> client.jetcd()
                        .getKVClient()
                        .txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(
                                Op.put(
                                        k,
                                        ByteSequence.EMPTY,
                                        PutOption.builder()
                                                .withLeaseId(s.leaseId())
                                                .build()),
                                Op.get(p, owner))
                        .Else(Op.get(k, GetOption.DEFAULT), Op.get(p, owner))
                        .commit());
        long myRev;
        List<KeyValue> owners;
        if (r.isSucceeded()) {
            myRev = r.getHeader().getRevision();
            owners = r.getGetResponses().get(0).getKvs();
        } else {
            myRev = r.getGetResponses().get(0).getKvs().get(0).getCreateRevision();
            owners = r.getGetResponses().get(1).getKvs();
        }
        if (owners.isEmpty() || owners.get(0).getCreateRevision() == myRev) {
            held(s, myKey, myRev, r.getHeader().getRevision());
            return true;
        }
        synchronized (this) {
            holder = owners.get(0).getKey().toString(StandardCharsets.UTF_8);
        }
        if (tryOnly) {
            deleteQuietly(myKey);
            return false;
        }
        try {
            Waits.Outcome o = Waits.waitDeletes(client, what, prefix, myRev - 1, deadlineNanos, s.lost());
            if (o.timedOut()) {
                synchronized (this) {
                    holder = o.blocker();
                }
                deleteQuietly(myKey);
                return false;
            }
            var mine = client.call(what, () -> client.jetcd().getKVClient().get(k));
            if (mine.getKvs().isEmpty() || mine.getKvs().get(0).getCreateRevision() != myRev) {
                Waits.checkLost(what, s.lost());
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        what + ": our key " + myKey + " was deleted while we waited (lease revoked or key removed)");
            }
            held(s, myKey, myRev, o.revision());
            return true;
        } catch (RuntimeException e) {
            if (!s.lost().isDone()) {
                deleteQuietly(myKey);
            }
            throw e;
        }
    }

    private void held(LockSession s, String myKey, long myRev, long rev) {
        synchronized (this) {
            key = myKey;
            createRevision = myRev;
            revision = rev;
            holder = null;
        }
        watchOwnKey(s, myKey, myRev);
    }

    /** Reports the session lost when our key is deleted by anyone but us (revoke, del). */
    private void watchOwnKey(LockSession s, String myKey, long myRev) {
        Watch.Watcher w = KeyWatch.onDelete(
                client,
                myKey,
                myRev + 1,
                () -> s.markLost(new LeaseLost(
                        s.leaseId(),
                        LeaseLost.Reason.RELEASED,
                        "lock key " + myKey + " was deleted (its lease revoked or the key removed by someone else)")));
        synchronized (this) {
            ownKeyWatch = w;
        }
    }

    private void stopWatchingOwnKey() {
        if (ownKeyWatch != null) {
            ownKeyWatch.close();
            ownKeyWatch = null;
        }
    }

    private void deleteQuietly(String k) {
        Waits.uninterrupted(() -> {
            try {
                client.call(
                        "lock " + name + ": remove " + k,
                        () -> client.jetcd().getKVClient().delete(Waits.bytes(k), DeleteOption.DEFAULT));
            } catch (RuntimeException ignored) {
                // the key goes with the session lease
            }
        });
    }
}
