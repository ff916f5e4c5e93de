package io.googo.etcd.core.watch;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.time.Duration;

/**
 * A running push-style watch: a {@link Watcher} and one daemon thread that takes its events and
 * hands them to a {@link WatchListener}. Close it to stop; closing from the listener's own thread
 * is allowed. Created by {@link io.googo.etcd.core.client.EtcdClient#watch(byte[], WatchOptions, WatchListener)}.
 */
public final class WatchHandle implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMillis(500);

    private final Watcher watcher;
    private final WatchListener listener;
    private final Thread thread;

    private WatchHandle(Watcher watcher, WatchListener listener, String name) {
        this.watcher = watcher;
        this.listener = listener;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts delivering the events of a started watcher to {@code listener}.
     *
     * @param watcher  a started watcher; the handle owns it from now on
     * @param listener told about each event
     * @param name     the delivery thread's name
     * @return the running handle
     */
    public static WatchHandle deliver(Watcher watcher, WatchListener listener, String name) {
        if (listener == null) {
            watcher.close();
            throw EtcdException.invalid("watch: the listener must not be null");
        }
        WatchHandle h = new WatchHandle(watcher, listener, name);
        h.thread.start();
        return h;
    }

    private void run() {
        try {
            while (!watcher.isClosed()) {
                WatchEvent ev = watcher.poll(WAIT);
                if (ev != null) {
                    listener.onEvent(ev);
                }
            }
        } catch (EtcdException e) {
            watcher.close();
            listener.onError(e);
        } catch (InterruptedException e) {
            watcher.close();
        } catch (RuntimeException e) {
            watcher.close();
            listener.onError(new EtcdException(ErrorKind.INTERRUPTED, "watch: the listener failed: " + e, e));
        }
    }

    /**
     * The revision of the last event handed to the listener.
     *
     * @return the revision (before the first event: the start revision - 1)
     */
    public long lastRevision() {
        return watcher.lastRevision();
    }

    /**
     * Whether the watch has stopped (closed, or ended by an error).
     *
     * @return whether it has
     */
    public boolean isClosed() {
        return watcher.isClosed() && !thread.isAlive();
    }

    /**
     * Stops the watch and waits (at most a second) for a listener call under way to return, unless
     * called from the listener itself. Idempotent.
     */
    @Override
    public void close() {
        watcher.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
