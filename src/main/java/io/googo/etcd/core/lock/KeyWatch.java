package io.googo.etcd.core.lock;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.googo.etcd.core.client.EtcdClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A jetcd watch read by one blocking thread: responses, the watch's end and an outside "abort" all
 * arrive in one queue, so the reader waits for whichever comes first, with a deadline. The jetcd
 * callbacks only enqueue (they run on the client's event loop and must not block).
 *
 * <p>jetcd resumes a watch by itself after a transient error (from the revision it had reached);
 * only when it gives up does the watch end, and then {@link #next} returns an {@link Ended}.
 */
final class KeyWatch implements AutoCloseable {
    sealed interface Item permits Response, Ended, Aborted {}

    record Response(WatchResponse response) implements Item {}

    /** The watch stopped; {@code error} is the last error jetcd reported, if any. */
    record Ended(Throwable error) implements Item {}

    record Aborted() implements Item {}

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Watch.Watcher watcher;
    private volatile boolean closing;
    private volatile Throwable lastError;

    /**
     * Watches {@code key} (or every key under it when {@code prefix}) from revision {@code fromRev}.
     *
     * @param abort when it completes, {@link #next} returns {@link Aborted} (may be null)
     */
    KeyWatch(EtcdClient client, String key, boolean prefix, long fromRev, boolean noPut, CompletableFuture<?> abort) {
        WatchOption o = WatchOption.builder()
                .withRevision(fromRev)
                .isPrefix(prefix)
                .withNoPut(noPut)
                .build();
        this.watcher = client.jetcd()
                .getWatchClient()
                .watch(ByteSequence.from(key, StandardCharsets.UTF_8), o, new Watch.Listener() {
                    @Override
                    public void onNext(WatchResponse response) {
                        if (!response.getEvents().isEmpty()) {
                            queue.offer(new Response(response));
                        }
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        lastError = throwable;
                    }

                    @Override
                    public void onCompleted() {
                        if (!closing) {
                            queue.offer(new Ended(lastError));
                        }
                    }
                });
        if (abort != null) {
            abort.whenComplete((r, t) -> queue.offer(new Aborted()));
        }
    }

    /**
     * The next item, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()} based;
     * {@link Long#MAX_VALUE}: no deadline). Returns {@code null} when the deadline passes.
     */
    Item next(long deadlineNanos) throws InterruptedException {
        if (deadlineNanos == Long.MAX_VALUE) {
            return queue.take();
        }
        return queue.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closing = true;
        watcher.close();
    }

    /**
     * Calls {@code onDelete} (once, on a pool thread, not on the client's event loop) when {@code key}
     * is deleted at or after {@code fromRev}. Close the returned watcher to stop.
     */
    static Watch.Watcher onDelete(EtcdClient client, String key, long fromRev, Runnable onDelete) {
        WatchOption o =
                WatchOption.builder().withRevision(fromRev).withNoPut(true).build();
        AtomicBoolean fired = new AtomicBoolean();
        return client.jetcd()
                .getWatchClient()
                .watch(ByteSequence.from(key, StandardCharsets.UTF_8), o, Watch.listener(response -> {
                    boolean deleted = response.getEvents().stream()
                            .anyMatch(e -> e.getEventType() == WatchEvent.EventType.DELETE);
                    if (deleted && fired.compareAndSet(false, true)) {
                        ForkJoinPool.commonPool().execute(onDelete);
                    }
                }));
    }
}
