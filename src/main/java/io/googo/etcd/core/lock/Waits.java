package io.googo.etcd.core.lock;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.lease.LeaseLost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The waiting both locks and elections do, as etcd's {@code concurrency} package does it. */
final class Waits {
    /** Watches that end with an error in a row before the wait gives up. */
    private static final int MAX_WATCH_FAILURES = 10;

    private Waits() {}

    /** What {@link #waitDeletes} saw: the revision at which no older contender was left, or a timeout. */
    record Outcome(boolean timedOut, long revision, String blocker) {}

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The oldest key under {@code prefix}: the holder or leader (etcd's {@code WithFirstCreate}). */
    static GetOption firstCreate() {
        return GetOption.builder()
                .isPrefix(true)
                .withSortField(GetOption.SortTarget.CREATE)
                .withSortOrder(GetOption.SortOrder.ASCEND)
                .withLimit(1)
                .build();
    }

    /**
     * Waits until no key under {@code prefix} has a create revision at or below {@code maxCreateRev}
     * (etcd's {@code waitDeletes}): reads the newest such key and watches that one key alone until it
     * is deleted, then reads again. Only the next older contender is watched, never the prefix, so a
     * release wakes one waiter, not all of them.
     *
     * @param deadlineNanos {@link System#nanoTime()} to give up at; {@link Long#MAX_VALUE} for never
     * @param lost          completes when our session is lost: the wait ends with INTERRUPTED
     * @throws EtcdException INTERRUPTED when interrupted or the session is lost; what a read throws
     */
    static Outcome waitDeletes(
            EtcdClient client,
            String what,
            String prefix,
            long maxCreateRev,
            long deadlineNanos,
            CompletableFuture<LeaseLost> lost) {
        GetOption newestOlder = GetOption.builder()
                .isPrefix(true)
                .withSortField(GetOption.SortTarget.CREATE)
                .withSortOrder(GetOption.SortOrder.DESCEND)
                .withLimit(1)
                .withMaxCreateRevision(maxCreateRev)
                .build();
        int failures = 0;
        while (true) {
            checkLost(what, lost);
            GetResponse r = client.call(what, () -> client.jetcd().getKVClient().get(bytes(prefix), newestOlder));
            List<KeyValue> kvs = r.getKvs();
            if (kvs.isEmpty()) {
                return new Outcome(false, r.getHeader().getRevision(), null);
            }
            String blocker = kvs.get(0).getKey().toString(StandardCharsets.UTF_8);
            if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
                return new Outcome(true, r.getHeader().getRevision(), blocker);
            }
            try (KeyWatch w = new KeyWatch(client, blocker, false, r.getHeader().getRevision() + 1, true, lost)) {
                while (true) {
                    KeyWatch.Item item = w.next(deadlineNanos);
                    if (item == null) {
                        return new Outcome(true, r.getHeader().getRevision(), blocker);
                    }
                    if (item instanceof KeyWatch.Aborted) {
                        checkLost(what, lost);
                    } else if (item instanceof KeyWatch.Ended e) {
                        if (++failures >= MAX_WATCH_FAILURES) {
                            throw new EtcdException(
                                    ErrorKind.SERVER,
                                    what + ": cannot watch " + blocker + ": "
                                            + (e.error() == null
                                                    ? "the watch ended"
                                                    : e.error().getMessage()),
                                    e.error());
                        }
                        pause(what, 100L * failures);
                        break;
                    } else if (item instanceof KeyWatch.Response resp && deleted(resp)) {
                        failures = 0;
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
            }
        }
    }

    private static boolean deleted(KeyWatch.Response r) {
        for (WatchEvent ev : r.response().getEvents()) {
            if (ev.getEventType() == WatchEvent.EventType.DELETE) {
                return true;
            }
        }
        return false;
    }

    static void checkLost(String what, CompletableFuture<LeaseLost> lost) {
        LeaseLost l = lost.getNow(null);
        if (l != null) {
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": " + l.message());
        }
    }

    private static void pause(String what, long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException(ErrorKind.INTERRUPTED, what + ": interrupted", e);
        }
    }

    /** Runs {@code r} with the thread's interrupt flag cleared (so that cleanup calls work), then restores it. */
    static void uninterrupted(Runnable r) {
        boolean interrupted = Thread.interrupted();
        try {
            r.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
