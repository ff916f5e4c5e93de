package io.googo.etcd.core.mirror;

import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.options.DeleteOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.client.ProtoTxn;
import io.googo.etcd.core.key.KeyRanges;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a destination cluster a copy of a source cluster's keys under a prefix, as {@code etcdctl
 * make-mirror} does: first every key under the prefix as it stood at one revision R (read page by page,
 * all pages at R, written in transactions of at most {@link Builder#maxTxnOps(int) maxTxnOps} puts), then
 * every change after R, in revision order, as the source's watch delivers it.
 *
 * <p>Each revision's events go to the destination in one transaction when they fit in
 * {@code maxTxnOps} operations, else in consecutive transactions of at most that many, in the source's
 * order (etcd refuses larger transactions; a delete of a whole range is one revision with an event per
 * key). Keys are mapped by replacing the source prefix with the destination prefix; values are copied
 * byte for byte; leases are not copied (a leased key's expiry arrives as a DELETE, as in etcdctl).
 * Keys that exist on the destination but not on the source are left alone.
 *
 * <p>Never loses or reorders a change. A write the destination does not acknowledge (it is down,
 * restarting, has no leader, or the request timed out) is retried, the same transaction again, with a
 * capped backoff until it is acknowledged or the mirror is closed; only then is the next one sent and
 * {@link #revision()} advanced. Replaying a transaction that did land is harmless: it writes the same
 * values again. Meanwhile the source's events wait in the watcher's bounded queue (which pauses its
 * stream when full; nothing is dropped). A lost source connection is resumed by the {@link Watcher} from
 * the last revision it received. The one thing that ends a mirror by itself is a source revision it
 * still needs being compacted away: then {@link #run()} fails with etcd's words ("required revision has
 * been compacted") instead of skipping changes. Errors that a retry cannot cure (permission denied, a
 * request too large) fail too.
 *
 * <p>Usage: build it, call {@link #run()} on a thread of yours (it blocks), and {@link #close()} from
 * any thread to stop it; {@code run} then returns normally. The clients stay the caller's to close.
 * <pre>{@code
 * try (Mirror m = Mirror.builder(source, dest).prefix("app/").destPrefix("copy/").build()) {
 *     new Thread(() -> m.run()).start();
 *     ...
 * }
 * }</pre>
 */
public final class Mirror implements AutoCloseable {
    /** etcdctl's default for {@code --max-txn-ops}: etcd's own default limit of operations in one transaction. */
    public static final int DEFAULT_MAX_TXN_OPS = 128;
    /** etcd's words for a revision that compaction removed. */
    public static final String COMPACTED = "etcdserver: mvcc: required revision has been compacted";

    private static final int PAGE = 1000;
    private static final Duration POLL = Duration.ofMillis(500);

    private final EtcdClient source;
    private final EtcdClient dest;
    private final byte[] prefix;
    private final byte[] destPrefix;
    private final int maxTxnOps;
    private final Listener listener;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong revision = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Watcher watcher;
    private volatile Thread runner;
    private volatile boolean running;

    /** What a running mirror reports; every method is called on the thread of {@link #run()}. */
    public interface Listener {
        /**
         * The initial copy is complete: every key under the prefix as of {@code revision} is on the destination.
         *
         * @param revision the source revision copied
         * @param keys     how many keys were copied
         */
        default void synced(long revision, long keys) {}

        /**
         * The changes of one source revision are on the destination.
         *
         * @param revision the source revision
         * @param events   how many events it had
         */
        default void applied(long revision, int events) {}

        /**
         * A write to the destination failed in a way a retry may cure; it is sent again after {@code wait}.
         *
         * @param cause why it failed
         * @param wait  how long until the next try
         */
        default void retrying(EtcdException cause, Duration wait) {}
    }

    private Mirror(Builder b) {
        this.source = b.source;
        this.dest = b.dest;
        this.prefix = b.prefix;
        this.destPrefix = b.destPrefix == null ? b.prefix : b.destPrefix;
        this.maxTxnOps = b.maxTxnOps;
        this.listener = b.listener;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    /**
     * A builder for a mirror of {@code source} onto {@code dest}.
     *
     * @param source the cluster to copy from
     * @param dest   the cluster to copy to
     * @return the builder
     */
    public static Builder builder(EtcdClient source, EtcdClient dest) {
        return new Builder(source, dest);
    }

    /**
     * How many keys and events have been written to the destination and acknowledged: the keys of the
     * initial copy plus every PUT and DELETE since (etcdctl's count).
     *
     * @return the count
     */
    public long count() {
        return count.get();
    }

    /**
     * The source revision the destination is known to hold: the initial copy's revision, then the
     * revision of the last change acknowledged; 0 before the initial copy is complete.
     *
     * @return the revision
     */
    public long revision() {
        return revision.get();
    }

    /**
     * Copies, then follows the source until {@link #close()}. Blocks; call it once.
     *
     * @throws EtcdException INTERRUPTED when a revision the mirror needs has been compacted on the
     *                       source (the message has etcd's words); CONNECTION/TIMEOUT when the source
     *                       cannot be read for the initial copy; SERVER when either cluster refuses a
     *                       request for good (permission denied, a request too large)
     * @throws InterruptedException when the calling thread is interrupted other than by {@link #close()}
     */
    public void run() throws InterruptedException {
        synchronized (this) {
            if (running || stopped.getCount() == 0) {
                throw EtcdException.invalid(
                        "make-mirror: a mirror runs once" + (stopped.getCount() == 0 ? " and this one is closed" : ""));
            }
            running = true;
            runner = Thread.currentThread();
        }
        try {
            long rev = initialSync();
            if (rev < 0) {
                return;
            }
            follow(rev);
        } catch (EtcdException e) {
            if (isStopped()) {
                return;
            }
            throw e;
        } catch (InterruptedException e) {
            if (isStopped()) {
                Thread.interrupted();
                return;
            }
            throw e;
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // an interrupt from close() that came late must not leak into the caller
            Watcher w = watcher;
            if (w != null) {
                w.close();
            }
        }
    }

    /** Copies the range at one revision; returns it, or -1 when closed meanwhile. */
    private long initialSync() throws InterruptedException {
        KeyRanges.Range range = KeyRanges.of(prefix, null, true, false);
        byte[] start = range.start();
        long rev = 0;
        long keys = 0;
        List<RequestOp> ops = new ArrayList<>(maxTxnOps);
        ProtoTxn builder = dest.protoTxn();
        while (true) {
            if (isStopped()) {
                return -1;
            }
            GetResult page;
            try {
                page = source.get(
                        start,
                        GetOptions.builder()
                                .rangeEnd(range.end())
                                .limit(PAGE)
                                .revision(rev)
                                .build());
            } catch (EtcdException e) {
                throw compacted(e, rev);
            }
            if (rev == 0) {
                rev = page.header().revision();
            }
            for (Kv kv : page.kvs()) {
                ops.add(builder.putWrapped(map(kv.key()), kv.value(), 0));
                if (ops.size() == maxTxnOps) {
                    write(ops, "initial copy at revision " + rev);
                    keys += ops.size();
                    count.addAndGet(ops.size());
                    ops.clear();
                }
            }
            if (!page.more() || page.kvs().isEmpty()) {
                break;
            }
            start = KeyRanges.successor(page.kvs().get(page.kvs().size() - 1).key());
        }
        if (!ops.isEmpty()) {
            write(ops, "initial copy at revision " + rev);
            keys += ops.size();
            count.addAndGet(ops.size());
        }
        revision.set(rev);
        listener.synced(rev, keys);
        return rev;
    }

    /** Applies every change after {@code from}, revision by revision, until closed. */
    private void follow(long from) throws InterruptedException {
        Watcher w = source.watcher(
                prefix,
                WatchOptions.builder().prefix(true).startRevision(from + 1).build());
        watcher = w;
        if (isStopped()) {
            w.close();
            return;
        }
        w.start();
        ProtoTxn builder = dest.protoTxn();
        WatchEvent next = null;
        List<WatchEvent> group = new ArrayList<>();
        while (!isStopped()) {
            WatchEvent ev = next != null ? next : poll(w, POLL);
            next = null;
            if (ev == null || ev.isProgress()) {
                continue;
            }
            group.clear();
            group.add(ev);
            // a revision's events arrive in one response and are queued together: take what is queued of it
            while (w.hasQueued()) {
                WatchEvent n = poll(w, Duration.ZERO);
                if (n == null) {
                    break;
                }
                if (n.isProgress()) {
                    continue;
                }
                if (n.revision() != ev.revision()) {
                    next = n;
                    break;
                }
                group.add(n);
            }
            List<RequestOp> ops = new ArrayList<>(Math.min(group.size(), maxTxnOps));
            for (WatchEvent e : group) {
                byte[] key = map(e.kv().key());
                ops.add(
                        e.type() == WatchEvent.Type.PUT
                                ? builder.putWrapped(key, e.kv().value(), 0)
                                : builder.delete(key, DeleteOption.DEFAULT));
                if (ops.size() == maxTxnOps) {
                    write(ops, "revision " + ev.revision());
                    ops.clear();
                }
            }
            if (!ops.isEmpty()) {
                write(ops, "revision " + ev.revision());
            }
            count.addAndGet(group.size());
            revision.set(ev.revision());
            listener.applied(ev.revision(), group.size());
        }
    }

    private WatchEvent poll(Watcher w, Duration timeout) throws InterruptedException {
        try {
            return w.poll(timeout);
        } catch (EtcdException e) {
            throw compacted(e, revision.get());
        }
    }

    /** A failure that says a revision was compacted, in etcd's words and with what it means here. */
    private EtcdException compacted(EtcdException e, long rev) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("compacted")) {
            return e;
        }
        String where = revision.get() > 0
                ? "the mirror holds the source up to revision " + revision.get() + ", but the source has compacted"
                        + " the changes after it"
                : "the source compacted revision " + rev + " during the initial copy";
        return new EtcdException(
                ErrorKind.INTERRUPTED,
                "make-mirror: " + COMPACTED + ": " + where + "; no change was skipped: start a new mirror (" + m + ")",
                e);
    }

    /** Sends {@code ops} as one transaction, again and again until the destination acknowledges it. */
    private void write(List<RequestOp> ops, String what) throws InterruptedException {
        List<RequestOp> batch = List.copyOf(ops);
        String name = "make-mirror: write " + what + " (" + batch.size() + " operations) to the destination";
        long wait = initialBackoff.toMillis();
        while (true) {
            if (isStopped()) {
                throw new EtcdException(ErrorKind.INTERRUPTED, name + ": stopped");
            }
            try {
                dest.call(name, () -> {
                    ProtoTxn t = dest.protoTxn();
                    for (RequestOp op : batch) {
                        t.op(true, op);
                    }
                    return t.commit();
                });
                return;
            } catch (EtcdException e) {
                if (isStopped() || !retryable(e)) {
                    throw e;
                }
                long jittered = wait / 2 + (long) (Math.random() * (wait / 2 + 1));
                listener.retrying(e, Duration.ofMillis(jittered));
                if (stopped.await(jittered, TimeUnit.MILLISECONDS)) {
                    throw new EtcdException(ErrorKind.INTERRUPTED, name + ": stopped");
                }
                wait = Math.min(wait * 2, maxBackoff.toMillis());
            }
        }
    }

    /** Whether a failed write may succeed when sent again: the destination was away or out of time. */
    static boolean retryable(EtcdException e) {
        if (e.kind() == ErrorKind.CONNECTION || e.kind() == ErrorKind.TIMEOUT) {
            return true;
        }
        String m = String.valueOf(e.getMessage());
        return e.kind() == ErrorKind.SERVER
                && (m.contains("no leader")
                        || m.contains("leader changed")
                        || m.contains("too many requests")
                        || m.contains("server is stopping")
                        || m.contains("timed out")
                        || m.contains("not capable")
                        || m.contains("unavailable"));
    }

    /** The destination key of a source key: the source prefix replaced by the destination prefix. */
    byte[] map(byte[] key) {
        if (Arrays.equals(prefix, destPrefix)) {
            return key;
        }
        int rest = key.length - prefix.length;
        if (rest == 0 && destPrefix.length == 0) {
            throw EtcdException.invalid("make-mirror: key '" + EtcdClient.printable(key) + "' is the prefix itself:"
                    + " without a destination prefix it would be the empty key, which etcd refuses");
        }
        byte[] out = Arrays.copyOf(destPrefix, destPrefix.length + rest);
        System.arraycopy(key, prefix.length, out, destPrefix.length, rest);
        return out;
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Stops the mirror: {@link #run()} returns (normally) as soon as the write under way, if any, is
     * abandoned. Idempotent; callable from any thread. Does not close the clients.
     */
    @Override
    public void close() {
        stopped.countDown();
        Watcher w = watcher;
        if (w != null) {
            w.close();
        }
        synchronized (this) {
            Thread t = runner;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    /** Builds a {@link Mirror}. */
    public static final class Builder {
        private final EtcdClient source;
        private final EtcdClient dest;
        private byte[] prefix = new byte[0];
        private byte[] destPrefix;
        private int maxTxnOps = DEFAULT_MAX_TXN_OPS;
        private Listener listener = new Listener() {};
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder(EtcdClient source, EtcdClient dest) {
            if (source == null || dest == null) {
                throw EtcdException.invalid("make-mirror: the source and destination clients must not be null");
            }
            this.source = source;
            this.dest = dest;
        }

        /**
         * The prefix to mirror (default: empty, every key).
         *
         * @param v the prefix, raw bytes
         * @return this
         */
        public Builder prefix(byte[] v) {
            prefix = v == null ? new byte[0] : v.clone();
            return this;
        }

        /**
         * {@link #prefix(byte[])} as UTF-8.
         *
         * @param v the prefix
         * @return this
         */
        public Builder prefix(String v) {
            return prefix(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * What the prefix becomes on the destination (default: the prefix itself; empty: the keys go to
         * the root, as {@code --no-dest-prefix}).
         *
         * @param v the destination prefix, raw bytes; {@code null} for the default
         * @return this
         */
        public Builder destPrefix(byte[] v) {
            destPrefix = v == null ? null : v.clone();
            return this;
        }

        /**
         * {@link #destPrefix(byte[])} as UTF-8.
         *
         * @param v the destination prefix; {@code null} for the default
         * @return this
         */
        public Builder destPrefix(String v) {
            return destPrefix(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The most operations in one transaction on the destination (default
         * {@value Mirror#DEFAULT_MAX_TXN_OPS}, etcd's own limit).
         *
         * @param v at least 1
         * @return this
         */
        public Builder maxTxnOps(int v) {
            if (v < 1) {
                throw EtcdException.invalid("make-mirror: --max-txn-ops must be at least 1, not " + v);
            }
            maxTxnOps = v;
            return this;
        }

        /**
         * Told of the initial copy, of each revision applied, and of each retry.
         *
         * @param v the listener
         * @return this
         */
        public Builder listener(Listener v) {
            listener = v == null ? new Listener() {} : v;
            return this;
        }

        /**
         * The backoff between tries of a write the destination did not acknowledge: it starts at
         * {@code initial} (default 100 ms), doubles up to {@code max} (default 5 s), jittered.
         *
         * @param initial the first wait
         * @param max     the longest wait
         * @return this
         */
        public Builder backoff(Duration initial, Duration max) {
            if (initial == null
                    || max == null
                    || initial.isNegative()
                    || initial.isZero()
                    || max.compareTo(initial) < 0) {
                throw EtcdException.invalid("make-mirror: backoff must be positive, and max at least initial");
            }
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        /**
         * The mirror, not running yet: call {@link Mirror#run()}.
         *
         * @return the mirror
         */
        public Mirror build() {
            return new Mirror(this);
        }
    }
}
