package io.googo.etcd.core.watch;

import io.googo.etcd.core.EtcdException;

/**
 * The callback of a push-style watch ({@link io.googo.etcd.core.client.EtcdClient#watch(byte[],
 * WatchOptions, WatchListener)}). Both methods run on the watch's own delivery thread, one call at a
 * time and in revision order, so a slow listener delays only its own watch (and, past
 * {@link WatchOptions#maxQueuedEvents()}, pauses the stream until it catches up; nothing is lost).
 * A listener may block and may call the client; it must not close its own handle and then wait for it.
 */
@FunctionalInterface
public interface WatchListener {
    /**
     * One change (or a progress notification when {@link WatchOptions#progressNotify()} is set).
     *
     * @param event the event
     */
    void onEvent(WatchEvent event);

    /**
     * The watch cannot go on (its start revision was compacted, the server refused it); no event
     * follows. A lost connection is no error: the watch resumes by itself. The default does nothing.
     *
     * @param error why the watch ended
     */
    default void onError(EtcdException error) {}
}
