package io.googo.etcd.core.lock;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.ConcurrencyKeys;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.lease.LeaseLost;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A leader election interoperable with etcd's {@code concurrency.Election} and {@code etcdctl elect}:
 * each candidate puts {@code NAME/LEASEHEX} = its proposal on a session lease of its own; the
 * leader is the candidate with the oldest key. Campaigning waits, like a lock, for the next older
 * candidate only.
 *
 * <pre>{@code
 * try (LeaderElection e = new LeaderElection(client, "scheduler", Duration.ofSeconds(10))) {
 *     e.campaign("node-1".getBytes());   // blocks until we lead
 *     ... lead while e.isLeader() ...
 * }   // resigns and revokes the session lease
 * }</pre>
 */
public final class LeaderElection implements AutoCloseable {
    private final EtcdClient client;
    private final String name;
    private final String prefix;
    private final Duration ttl;
    private LockSession session;
    private String key;
    private long leaderRevision;
    private Watch.Watcher ownKeyWatch;
    private boolean closed;

    /**
     * @param name the election name (KEYS.md rules for names)
     * @param ttl  the session lease's TTL, whole seconds, at least 1 s
     */
    public LeaderElection(EtcdClient client, String name, Duration ttl) {
        this.client = client;
        this.prefix = ConcurrencyKeys.electionPrefix(name);
        this.name = name;
        this.ttl = DistributedLock.checkTtl(ttl);
    }

    /** Our key while we lead or campaign, else null. */
    public synchronized String key() {
        return key;
    }

    /** The create revision of our key while we lead. */
    public synchronized long leaderRevision() {
        return leaderRevision;
    }

    public synchronized boolean isLeader() {
        return key != null && session != null && !session.isLost();
    }

    /** Completes when our session is lost (lease not renewed, revoked, our key deleted); see {@link DistributedLock#lost()}. */
    public synchronized CompletableFuture<LeaseLost> lost() {
        return session == null ? new CompletableFuture<>() : session.lost().copy();
    }

    /**
     * Campaigns with {@code proposal} and blocks until we are the leader.
     *
     * @throws EtcdException INTERRUPTED when interrupted or the session is lost (our key is then withdrawn)
     */
    public void campaign(byte[] proposal) {
        String what = "elect " + name;
        LockSession s;
        synchronized (this) {
            if (closed) {
                throw EtcdException.invalid("election " + name + " is closed");
            }
            if (key != null) {
                throw EtcdException.invalid("already campaigning in " + name);
            }
            s = session;
        }
        if (s == null || s.isLost()) {
            s = LockSession.open(client, ttl, LockSession.marginFor(ttl));
            LockSession old;
            synchronized (this) {
                old = session;
                session = s;
            }
            if (old != null) {
                old.close();
            }
        }
        LockSession ses = s;
        String myKey = ConcurrencyKeys.electionKey(name, s.leaseId());
        ByteSequence k = Waits.bytes(myKey);
        ByteSequence v = ByteSequence.from(proposal);
        TxnResponse r = client.call(
                what,
                () -> client.jetcd()
                        .getKVClient()
                        .txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(
                                k,
                                v,
                                PutOption.builder().withLeaseId(ses.leaseId()).build()))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit());
        long rev = r.getHeader().getRevision();
        if (!r.isSucceeded()) {
            KeyValue mine = r.getGetResponses().get(0).getKvs().get(0);
            rev = mine.getCreateRevision();
            if (!Arrays.equals(mine.getValue().getBytes(), proposal)) {
                proclaim(what, ses, myKey, rev, v);
            }
        }
        synchronized (this) {
            key = myKey;
            leaderRevision = rev;
        }
        try {
            Waits.Outcome o = Waits.waitDeletes(client, what, prefix, rev - 1, Long.MAX_VALUE, s.lost());
            if (o.timedOut()) {
                throw new IllegalStateException("no deadline, yet timed out");
            }
            long created = rev;
            var mine = client.call(what, () -> client.jetcd().getKVClient().get(k));
            if (mine.getKvs().isEmpty() || mine.getKvs().get(0).getCreateRevision() != created) {
                Waits.checkLost(what, ses.lost());
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        what + ": our key " + myKey + " was deleted while we waited (lease revoked or key removed)");
            }
        } catch (RuntimeException e) {
            resignQuietly();
            throw e;
        }
        long created = rev;
        Watch.Watcher w = KeyWatch.onDelete(
                client,
                myKey,
                created + 1,
                () -> ses.markLost(new LeaseLost(
                        ses.leaseId(),
                        LeaseLost.Reason.RELEASED,
                        "election key " + myKey
                                + " was deleted (its lease revoked or the key removed by someone else)")));
        synchronized (this) {
            ownKeyWatch = w;
        }
    }

    private void proclaim(String what, LockSession s, String myKey, long rev, ByteSequence v) {
        ByteSequence k = Waits.bytes(myKey);
        TxnResponse p = client.call(
                what,
                () -> client.jetcd()
                        .getKVClient()
                        .txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(rev)))
                        .Then(Op.put(
                                k,
                                v,
                                PutOption.builder().withLeaseId(s.leaseId()).build()))
                        .commit());
        if (!p.isSucceeded()) {
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": our key " + myKey + " vanished");
        }
    }

    /** Gives up leadership (or the campaign): deletes our key if it is still the one we made. */
    public void resign() {
        String k;
        long rev;
        boolean lost;
        synchronized (this) {
            k = key;
            rev = leaderRevision;
            key = null;
            lost = session == null || session.lost().isDone();
            if (ownKeyWatch != null) {
                ownKeyWatch.close();
                ownKeyWatch = null;
            }
        }
        if (k == null || lost) {
            return;
        }
        ByteSequence kb = Waits.bytes(k);
        Waits.uninterrupted(() -> client.call(
                "elect " + name + ": resign",
                () -> client.jetcd()
                        .getKVClient()
                        .txn()
                        .If(new Cmp(kb, Cmp.Op.EQUAL, CmpTarget.createRevision(rev)))
                        .Then(Op.delete(kb, DeleteOption.DEFAULT))
                        .commit()));
    }

    private void resignQuietly() {
        try {
            resign();
        } catch (RuntimeException ignored) {
            // the key goes with the session lease
        }
    }

    /** Resigns and revokes the session lease; errors are swallowed. */
    @Override
    public void close() {
        LockSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
        }
        resignQuietly();
        synchronized (this) {
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }

    /**
     * Observes the election named {@code name} (etcd's {@code Election.Observe}): calls {@code leader}
     * with the leader's key-value each time the leadership changes hands or the leader proclaims a new
     * value, on the calling thread, until the thread is interrupted (then it returns) or a read fails.
     */
    public static void observe(EtcdClient client, String name, BiConsumer<Header, Kv> leader) {
        String what = "elect " + name;
        String prefix = ConcurrencyKeys.electionPrefix(name);
        ByteSequence p = Waits.bytes(prefix);
        int failures = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                GetResponse r =
                        client.call(what, () -> client.jetcd().getKVClient().get(p, Waits.firstCreate()));
                Header header;
                Kv kv;
                if (r.getKvs().isEmpty()) {
                    long from = r.getHeader().getRevision() + 1;
                    KeyValue first = null;
                    Header h = null;
                    try (KeyWatch w = new KeyWatch(client, prefix, true, from, false, null)) {
                        while (first == null) {
                            KeyWatch.Item item = w.next(Long.MAX_VALUE);
                            if (item instanceof KeyWatch.Ended e) {
                                failures = failed(what, e, failures);
                                break;
                            }
                            if (item instanceof KeyWatch.Response resp) {
                                for (WatchEvent ev : resp.response().getEvents()) {
                                    if (ev.getEventType() == WatchEvent.EventType.PUT) {
                                        first = ev.getKeyValue();
                                        var rh = resp.response().getHeader();
                                        h = new Header(
                                                rh.getClusterId(),
                                                rh.getMemberId(),
                                                first.getModRevision(),
                                                rh.getRaftTerm());
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    if (first == null) {
                        continue;
                    }
                    header = h;
                    kv = Kv.of(first);
                } else {
                    header = Header.of(r.getHeader());
                    kv = Kv.of(r.getKvs().get(0));
                }
                leader.accept(header, kv);
                try (KeyWatch w = new KeyWatch(client, kv.keyString(), false, header.revision() + 1, false, null)) {
                    boolean gone = false;
                    while (!gone) {
                        KeyWatch.Item item = w.next(Long.MAX_VALUE);
                        if (item instanceof KeyWatch.Ended e) {
                            failures = failed(what, e, failures);
                            break;
                        }
                        if (item instanceof KeyWatch.Response resp) {
                            failures = 0;
                            var rh = resp.response().getHeader();
                            for (WatchEvent ev : resp.response().getEvents()) {
                                if (ev.getEventType() == WatchEvent.EventType.DELETE) {
                                    gone = true;
                                    break;
                                }
                                leader.accept(Header.of(rh), Kv.of(ev.getKeyValue()));
                            }
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int failed(String what, KeyWatch.Ended e, int failures) throws InterruptedException {
        if (failures + 1 >= 10) {
            throw new EtcdException(
                    ErrorKind.INTERRUPTED,
                    what + ": observer lost: "
                            + (e.error() == null ? "the watch ended" : e.error().getMessage()),
                    e.error());
        }
        Thread.sleep(100L * (failures + 1));
        return failures + 1;
    }
}
