package io.googo.etcd.core.watch;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.client.WatchStream;
import io.googo.etcd.core.key.KeyNames;
import io.googo.etcd.core.key.KeyRanges;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch that delivers every change of a key or range exactly once, in revision order, for as
 * long as it is open — across lost connections, killed members and leader changes.
 *
 * <p>Two halves: the stream ({@link WatchStream}: one etcd watch on the client's direct transport,
 * its protocol, auth and "hasleader" header, which says once how it ended and never resumes) and,
 * here, the delivery queue and the resume. It remembers the last revision it queued; when the stream
 * breaks it drops it and opens a new one from that revision + 1, after a capped, jittered backoff,
 * retrying until {@link #close()} (a resume from the revision of a "created" reply, as jetcd's does,
 * could skip events; a member without a leader ends the stream, and the next one goes elsewhere).
 * Events at or below the remembered revision are dropped, so a replayed event is never delivered
 * twice. The server's periodic progress notifications (always requested) move the remembered
 * revision forward, so a quiet watch does not resume from a revision compaction has since removed.
 * "Permission denied" is tried three times in a row (with a new auth token
 * each time) before it ends the watch.
 *
 * <p>Back-pressure: the stream hands responses over on the transport's event loop, which must never
 * block. They go into a bounded queue ({@link WatchOptions#maxQueuedEvents()},
 * {@link WatchOptions#maxQueuedBytes()}); a response that does not fit is not queued and the stream
 * is canceled instead. Once the consumer has taken the queue down to a quarter, the stream is opened
 * again from the last queued revision + 1. A response is queued whole or not at all (etcd never
 * splits a revision across responses), so a pause never cuts a transaction in half.
 *
 * <p>Usage: {@link #start()} (or get a started one from {@link EtcdClient#watch(byte[], WatchOptions)}),
 * then {@link #poll(Duration)} in a loop on one thread, then {@link #close()} (from any thread; it
 * wakes a waiting {@code poll}). {@code poll} before {@code start} fails. For a callback per event
 * instead of a loop, see {@link EtcdClient#watch(byte[], WatchOptions, WatchListener)}.
 *
 * <p>Threads: one scheduler thread per watcher (resumes and back-off); the events arrive on the
 * direct transport's event loop and wait in the queue for {@code poll}. No Vert.x and no jetcd
 * {@code Client} are involved.
 */
public final class Watcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final int PERMISSION_DENIED_TRIES = 3;

    private final EtcdClient client;
    private final byte[] key;
    private final byte[] rangeEnd;
    private final WatchOptions options;
    private final String what;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<WatchEvent> queue = new ArrayDeque<>();
    private ScheduledExecutorService scheduler;

    // all guarded by lock
    private long queuedBytes;
    private long queuedRevision;
    private long deliveredRevision;
    private int generation;
    private WatchStream current;
    private boolean paused;
    private boolean manualProgress;
    private boolean started;
    private boolean closed;
    private EtcdException failure;
    private int failures;
    private int deniedInARow;
    private long resumes;

    /** Use {@link EtcdClient#watcher(byte[], WatchOptions)}. */
    public Watcher(EtcdClient client, byte[] key, WatchOptions options) {
        this.client = client;
        this.options = options;
        this.what = "watch " + EtcdClient.printable(key);
        byte[] k = key;
        byte[] end = options.rangeEnd();
        if (options.prefix() && options.fromKey()) {
            throw EtcdException.invalid("prefix and from-key cannot be used together");
        }
        if (end != null && (options.prefix() || options.fromKey())) {
            throw EtcdException.invalid("a range end cannot be used with prefix or from-key");
        }
        if (options.prefix()) {
            if (k.length == 0) {
                k = KeyRanges.ALL;
                end = KeyRanges.ALL;
            } else {
                end = KeyRanges.prefixEnd(k);
            }
        } else if (options.fromKey()) {
            if (k.length == 0) {
                k = KeyRanges.ALL;
            }
            end = KeyRanges.ALL;
        }
        KeyNames.checkKey(k, "key");
        this.key = k;
        this.rangeEnd = end;
    }

    /**
     * Fixes the start revision and opens the stream. Without a start revision it reads the current
     * revision first (bounded by the request timeout), so the watch delivers exactly the changes after
     * that revision and a cluster that cannot be reached fails here, not silently later.
     *
     * @throws EtcdException CONNECTION/TIMEOUT when the cluster cannot be reached
     */
    public Watcher start() {
        lock.lock();
        try {
            if (started || closed) {
                throw EtcdException.invalid(
                        what + ": a watcher starts once" + (closed ? " and this one is closed" : ""));
            }
            started = true;
        } finally {
            lock.unlock();
        }
        var head = client.callKv(
                what,
                () -> client.kvClient()
                        .get(
                                ByteSequence.from(key),
                                GetOption.builder().withCountOnly(true).build()));
        long rev = options.startRevision() > 0
                ? options.startRevision() - 1
                : head.getHeader().getRevision();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gooetcd-watch-" + client.name());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        lock.lock();
        try {
            scheduler = s;
            queuedRevision = rev;
            deliveredRevision = rev;
            if (closed) {
                s.shutdownNow();
                return this;
            }
        } finally {
            lock.unlock();
        }
        openStream();
        return this;
    }

    /**
     * The next event, waiting at most {@code timeout}; {@code null} if none came in time or the watcher
     * is closed (see {@link #isClosed()}; closing drops what is queued). Events queued before a failure are
     * delivered first.
     *
     * @throws EtcdException INTERRUPTED when the watch cannot go on (its revision was compacted), or
     *                       SERVER when the server refused it (permission denied)
     */
    public WatchEvent poll(Duration timeout) throws InterruptedException {
        boolean reopen = false;
        WatchEvent ev;
        lock.lock();
        try {
            if (!started && !closed) {
                throw EtcdException.invalid(what + ": poll before start(): call start() first"
                        + " (EtcdClient.watch returns a started watcher)");
            }
            long nanos = timeout.toNanos();
            while (queue.isEmpty() && failure == null && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            ev = queue.poll();
            if (ev == null) {
                if (failure != null) {
                    throw new EtcdException(failure.kind(), failure.getMessage(), failure);
                }
                return null;
            }
            queuedBytes -= ev.weight();
            if (!ev.isProgress()) {
                deliveredRevision = ev.revision();
            }
            if (paused
                    && !closed
                    && queue.size() <= options.maxQueuedEvents() / 4
                    && queuedBytes <= options.maxQueuedBytes() / 4) {
                paused = false;
                reopen = true;
            }
        } finally {
            lock.unlock();
        }
        if (reopen) {
            lock.lock();
            try {
                resumes++;
            } finally {
                lock.unlock();
            }
            openStream();
        }
        return ev;
    }

    /** Whether an event is queued now, so that {@link #poll} would not wait. */
    public boolean hasQueued() {
        lock.lock();
        try {
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The revision of the last event {@link #poll} returned (before the first: the start revision - 1). */
    public long lastRevision() {
        lock.lock();
        try {
            return deliveredRevision;
        } finally {
            lock.unlock();
        }
    }

    /** How many times the stream was opened again, after a break or a pause for a slow consumer. */
    public long resumes() {
        lock.lock();
        try {
            return resumes;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the server for a progress notification; it arrives as a PROGRESS item when
     * {@link WatchOptions#progressNotify()} is set. Does nothing while the stream is being resumed.
     */
    public void requestProgress() {
        WatchStream w;
        lock.lock();
        try {
            manualProgress = true;
            w = current;
        } finally {
            lock.unlock();
        }
        if (w != null) {
            w.requestProgress();
        }
    }

    /** Stops the watch; a waiting {@link #poll} returns {@code null}. Idempotent, callable from any thread. */
    @Override
    public void close() {
        WatchStream old;
        ScheduledExecutorService s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            queue.clear();
            queuedBytes = 0;
            old = current;
            current = null;
            s = scheduler;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
        if (s != null) {
            s.shutdownNow();
        }
    }

    // ---- the stream ------------------------------------------------------------------------

    /** Opens a stream from the last queued revision + 1. Never called holding {@link #lock}. */
    private void openStream() {
        int gen;
        long from;
        WatchStream old;
        lock.lock();
        try {
            if (closed || paused || failure != null) {
                return;
            }
            gen = ++generation;
            from = queuedRevision + 1;
            old = current;
            current = null;
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
        WatchStream.Request request = new WatchStream.Request(
                key, rangeEnd, from, options.prevKv(), true, options.noPut(), options.noDelete());
        WatchStream w;
        try {
            w = WatchStream.open(client, request, new Listener(gen));
        } catch (RuntimeException e) {
            onBreak(gen, e);
            return;
        }
        LOG.debug("{}: stream {} opened from revision {}", what, gen, from);
        lock.lock();
        try {
            if (gen == generation) {
                current = w;
                return;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(w);
    }

    private void closeQuietly(WatchStream w) {
        if (w == null) {
            return;
        }
        try {
            w.close();
        } catch (RuntimeException e) {
            LOG.debug("{}: closing a stream failed", what, e);
        }
    }

    /** On the event loop: a progress notification. Never blocks. */
    private void onProgress(int gen, long rev) {
        lock.lock();
        try {
            if (gen != generation || closed) {
                return;
            }
            // etcd 3.4 answers an explicit progress request at once, even while the watch is
            // still replaying history; only its periodic notifications (sent to watches that
            // have caught up) vouch that nothing below rev is still to come. Neither is ever
            // taken for an event.
            if (!manualProgress) {
                queuedRevision = Math.max(queuedRevision, rev);
            }
            failures = 0;
            if (options.progressNotify() && queue.size() < options.maxQueuedEvents()) {
                WatchEvent p = WatchEvent.progress(rev);
                queue.add(p);
                queuedBytes += p.weight();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** On the event loop: the events of one response. Never blocks, never calls the stream holding {@link #lock}. */
    private void onEvents(int gen, List<WatchEvent> raw) {
        WatchStream cancel = null;
        lock.lock();
        try {
            if (gen != generation || closed) {
                return;
            }
            failures = 0;
            deniedInARow = 0;
            long floor = queuedRevision;
            List<WatchEvent> fresh = raw;
            if (raw.get(0).revision() <= floor) {
                fresh = new ArrayList<>(raw.size());
                for (WatchEvent e : raw) {
                    if (e.revision() > floor) {
                        fresh.add(e);
                    }
                }
                if (fresh.isEmpty()) {
                    return;
                }
            }
            long bytes = 0;
            long last = floor;
            for (WatchEvent e : fresh) {
                bytes += e.weight();
                last = Math.max(last, e.revision());
            }
            if (!queue.isEmpty()
                    && (queue.size() + fresh.size() > options.maxQueuedEvents()
                            || queuedBytes + bytes > options.maxQueuedBytes())) {
                // the consumer is behind: stop the stream rather than block or grow; poll() reopens it
                paused = true;
                generation++;
                cancel = current;
                current = null;
                LOG.debug(
                        "{}: consumer behind ({} queued), pausing the stream at revision {}",
                        what,
                        queue.size(),
                        queuedRevision);
            } else {
                queue.addAll(fresh);
                queuedBytes += bytes;
                queuedRevision = last;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (cancel != null) {
            WatchStream c = cancel;
            runLater(() -> closeQuietly(c), 0);
        }
    }

    /** The stream of generation {@code gen} failed (on the event loop, or on the thread that opened it). */
    private void onBreak(int gen, Throwable t) {
        WatchStream.End end = t instanceof WatchStream.End e ? e : null;
        WatchStream.End.Reason reason = end != null ? end.reason() : WatchStream.End.Reason.BROKEN;
        if (reason == WatchStream.End.Reason.COMPACTED) {
            long from;
            boolean atStart;
            lock.lock();
            try {
                from = queuedRevision + 1;
                atStart = queuedRevision == deliveredRevision
                        && deliveredRevision + 1 == options.startRevision()
                        && queue.isEmpty();
            } finally {
                lock.unlock();
            }
            String msg = atStart
                    ? what + ": start revision " + from + " has been compacted; compact revision is "
                            + end.compactRevision() + " (watch from " + end.compactRevision() + " or later)"
                    : what + ": cannot resume at revision " + from + ": it has been compacted; compact revision is "
                            + end.compactRevision() + ", so the changes in between are lost";
            fail(gen, new EtcdException(ErrorKind.INTERRUPTED, msg, t));
            return;
        }
        if (reason == WatchStream.End.Reason.CLIENT_CLOSED) {
            fail(gen, new EtcdException(ErrorKind.INTERRUPTED, what + ": the client was closed", t));
            return;
        }
        Status.Code code = end != null ? end.code() : Status.fromThrowable(t).getCode();
        String message = String.valueOf(t.getMessage());
        boolean denied = reason == WatchStream.End.Reason.DENIED
                || code == Status.Code.PERMISSION_DENIED
                || message.contains("permission denied");
        if (reason == WatchStream.End.Reason.CANCELED
                || code == Status.Code.INVALID_ARGUMENT
                || code == Status.Code.FAILED_PRECONDITION
                || code == Status.Code.OUT_OF_RANGE
                || code == Status.Code.UNAUTHENTICATED && !message.contains("invalid auth token")) {
            fail(gen, new EtcdException(ErrorKind.SERVER, what + ": " + oneLine(message), t));
            return;
        }
        lock.lock();
        try {
            if (gen != generation || closed) {
                return;
            }
            if (!denied || ++deniedInARow < PERMISSION_DENIED_TRIES) {
                generation++;
                WatchStream old = current;
                current = null;
                long base = options.initialBackoff().toMillis() << Math.min(failures, 16);
                long capped = Math.min(options.maxBackoff().toMillis(), base);
                failures++;
                long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
                resumes++;
                LOG.debug(
                        "{}: stream broke ({}); resuming from revision {} in {} ms",
                        what,
                        oneLine(message),
                        queuedRevision + 1,
                        delay);
                runLater(() -> closeQuietly(old), 0);
                runLater(this::openStream, delay);
                return;
            }
        } finally {
            lock.unlock();
        }
        fail(gen, new EtcdException(ErrorKind.SERVER, what + ": " + oneLine(message), t));
    }

    private void fail(int gen, EtcdException e) {
        WatchStream old;
        lock.lock();
        try {
            if (gen != generation || closed || failure != null) {
                return;
            }
            failure = e;
            generation++;
            old = current;
            current = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (old != null) {
            runLater(() -> closeQuietly(old), 0);
        }
    }

    /** Runs on the watcher's own thread; never on the event loop, never holding {@link #lock}. */
    private void runLater(Runnable r, long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s == null || s.isShutdown()) {
            return;
        }
        try {
            s.schedule(r, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** Binds a stream's callbacks to one generation, so that a stale stream's callbacks are ignored. */
    private final class Listener implements WatchStream.Listener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onEvents(List<WatchEvent> events) {
            Watcher.this.onEvents(gen, events);
        }

        @Override
        public void onProgress(long revision) {
            Watcher.this.onProgress(gen, revision);
        }

        @Override
        public void onEnded(WatchStream.End end) {
            onBreak(gen, end);
        }
    }
}
