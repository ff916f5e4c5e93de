package io.googo.etcd.core.lease;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one lease alive and tells a {@link Listener} about each renewal and, once, about its loss.
 *
 * <p>How: one keep-alive request at a time, a third of the TTL after the previous one was sent
 * (as etcd's Go client and jetcd do), each bounded by the request timeout; a failed one is retried
 * with a growing pause. The lease is sure to live until the send time of the last answered
 * request plus the TTL the server gave (the server counts from when it got the request, which is
 * later). When that moment, less the safety margin, passes without another renewal, the lease is
 * reported {@link LeaseLost.Reason#EXPIRED EXPIRED}; when the server answers TTL 0, it is
 * {@link LeaseLost.Reason#GONE GONE} (expired or revoked). There is no other way to end: a quiet
 * stream is not success. (jetcd's own {@code keepAlive} is not used: when a reply is late it
 * calls {@code onCompleted} and stops renewing, the same call as a normal end, and it hides when
 * requests were sent, so it cannot say how long the lease is sure to live.)
 *
 * <p>Threads: requests are timed on a small thread of the keeper's own; the listener is called on
 * another one, in order, never on a gRPC or Vert.x thread, so a slow listener delays no renewal.
 * {@link #close()} stops renewing (it does not revoke the lease) and reports nothing.
 *
 * <p>A sidecar that must re-register after a loss starts a new keeper on a new lease from its
 * {@link Listener#lost} (or from {@link #lost()}); a keeper never restarts itself.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** What a keeper reports. Called on the keeper's event thread, one call at a time. */
    public interface Listener {
        /** The lease was renewed (the first time when the keeper starts). */
        default void renewed(LeaseRenewal renewal) {}

        /** The lease is lost; no call follows. */
        void lost(LeaseLost lost);
    }

    private final EtcdClient client;
    private final long id;
    private final String hex;
    private final long marginNanos;
    private final Listener listener;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService events;
    private final CompletableFuture<LeaseLost> lost = new CompletableFuture<>();
    private volatile Thread eventThread;
    private volatile boolean stopped;
    private volatile long safeUntil;
    private volatile CompletableFuture<LeaseRenewal> inFlight;
    // the fields below are touched on the timer thread only
    private long ttlSeconds;
    private long retryNanos = FIRST_RETRY_NANOS;
    private ScheduledFuture<?> nextRenewal;
    private ScheduledFuture<?> deadline;
    private String lastError;

    private LeaseKeeper(EtcdClient client, long id, Duration margin, Listener listener) {
        this.client = client;
        this.id = id;
        this.hex = LeaseIds.hex(id);
        this.marginNanos = margin.toNanos();
        this.listener = listener;
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("gooetcd-lease-" + hex));
        this.timer.setRemoveOnCancelPolicy(true);
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = daemon("gooetcd-lease-events-" + hex).newThread(r);
            eventThread = t;
            return t;
        });
    }

    /**
     * Renews {@code leaseId} once, now, and then keeps it alive. The first renewal is reported to the
     * listener like the others.
     *
     * @param margin report the lease {@link LeaseLost.Reason#EXPIRED EXPIRED} this long before it may
     *               expire on the server, so that whoever relies on it (a lock holder) can stop in time;
     *               {@link Duration#ZERO} for none
     * @throws EtcdException when the first renewal fails: INTERRUPTED when the lease does not exist,
     *                       CONNECTION/TIMEOUT when the cluster cannot be reached
     */
    public static LeaseKeeper start(EtcdClient client, long leaseId, Duration margin, Listener listener) {
        if (margin.isNegative()) {
            throw EtcdException.invalid("lease keeper: the safety margin must not be negative");
        }
        long sent = System.nanoTime();
        LeaseRenewal first = client.keepAliveOnce(leaseId);
        if (margin.toNanos() >= first.ttl() * 1_000_000_000L) {
            throw EtcdException.invalid("lease " + LeaseIds.hex(leaseId) + ": a safety margin of "
                    + Durations.format(margin) + " leaves nothing of its TTL of " + first.ttl() + "s");
        }
        LeaseKeeper k = new LeaseKeeper(client, leaseId, margin, listener);
        k.safeUntil = sent + TimeUnit.SECONDS.toNanos(first.ttl());
        k.submit(() -> k.renewed(sent, first));
        return k;
    }

    /** {@link #start(EtcdClient, long, Duration, Listener)} without a safety margin. */
    public static LeaseKeeper start(EtcdClient client, long leaseId, Listener listener) {
        return start(client, leaseId, Duration.ZERO, listener);
    }

    public long leaseId() {
        return id;
    }

    /** Completes (never exceptionally) when the lease is lost; stays incomplete after {@link #close()}. */
    public CompletableFuture<LeaseLost> lost() {
        return lost.copy();
    }

    /** Whether the lease is known to live now (renewed recently enough, less the safety margin). */
    public boolean isAlive() {
        return !stopped && System.nanoTime() - (safeUntil - marginNanos) < 0;
    }

    /** Stops renewing; the lease then expires after its TTL unless someone revokes it. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        CompletableFuture<LeaseRenewal> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
        timer.shutdownNow();
        events.shutdown();
        if (Thread.currentThread() != eventThread) {
            try {
                events.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- on the timer thread ---------------------------------------------------------------------

    private void renew() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long left = safeUntil - marginNanos - now;
        if (left <= 0) {
            expire();
            return;
        }
        long budget = Math.max(
                MIN_ATTEMPT_NANOS, Math.min(client.config().requestTimeout().toNanos(), left));
        CompletableFuture<LeaseRenewal> f;
        try {
            f = client.keepAliveOnceAsync(id, Duration.ofNanos(budget));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        inFlight = f;
        CompletableFuture<LeaseRenewal> mine = f;
        f.whenComplete((r, t) -> submit(() -> answered(now, mine, r, t)));
    }

    private void answered(long sent, CompletableFuture<LeaseRenewal> f, LeaseRenewal r, Throwable t) {
        if (stopped || f != inFlight) {
            return;
        }
        inFlight = null;
        if (t != null) {
            Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            lastError = c.getMessage();
            long left = safeUntil - marginNanos - System.nanoTime();
            schedule(Math.max(0, Math.min(retryNanos, left)));
            retryNanos = Math.min(retryNanos * 2, MAX_RETRY_NANOS);
            return;
        }
        renewed(sent, r);
    }

    private void renewed(long sent, LeaseRenewal r) {
        if (stopped) {
            return;
        }
        if (r.ttl() <= 0) {
            report(LeaseLost.Reason.GONE, "lease " + hex + " expired or revoked");
            return;
        }
        retryNanos = FIRST_RETRY_NANOS;
        lastError = null;
        ttlSeconds = r.ttl();
        long ttlNanos = TimeUnit.SECONDS.toNanos(r.ttl());
        if (sent + ttlNanos - safeUntil > 0) {
            safeUntil = sent + ttlNanos;
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        long toDeadline = safeUntil - marginNanos - System.nanoTime();
        deadline = timer.schedule(this::checkDeadline, Math.max(0, toDeadline), TimeUnit.NANOSECONDS);
        schedule(Math.max(MIN_PERIOD_NANOS, sent + ttlNanos / 3 - System.nanoTime()));
        emit(() -> listener.renewed(r));
    }

    private void checkDeadline() {
        if (!stopped && safeUntil - marginNanos - System.nanoTime() <= 0) {
            expire();
        }
    }

    private void expire() {
        report(
                LeaseLost.Reason.EXPIRED,
                "lease " + hex + " was not renewed within its TTL of " + ttlSeconds + "s"
                        + (marginNanos > 0
                                ? " (less a safety margin of " + Durations.format(Duration.ofNanos(marginNanos)) + ")"
                                : "")
                        + " and must be taken as expired" + (lastError == null ? "" : "; last error: " + lastError));
    }

    private void report(LeaseLost.Reason reason, String message) {
        if (stopped) {
            return;
        }
        stopped = true;
        CompletableFuture<LeaseRenewal> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
        LeaseLost l = new LeaseLost(id, reason, message);
        emit(() -> {
            try {
                listener.lost(l);
            } finally {
                lost.complete(l);
            }
        });
        timer.shutdownNow();
        events.shutdown();
    }

    private void schedule(long delayNanos) {
        if (nextRenewal != null) {
            nextRenewal.cancel(false);
        }
        nextRenewal = timer.schedule(this::renew, delayNanos, TimeUnit.NANOSECONDS);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private void submit(Runnable r) {
        try {
            timer.execute(r);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void emit(Runnable r) {
        try {
            events.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // a listener's failure must not stop the keeper's reports
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
