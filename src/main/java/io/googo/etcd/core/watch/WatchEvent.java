package io.googo.etcd.core.watch;

import io.googo.etcd.core.kv.Kv;

/**
 * One item a {@link Watcher} delivers: a change (PUT or DELETE) or, when asked for, a progress
 * notification.
 *
 * @param type     what happened
 * @param kv       the pair after the change (for DELETE: the key with an empty value and the
 *                 deletion's revision as mod_revision); {@code null} for PROGRESS
 * @param prevKv   the pair before the change, when {@link WatchOptions#prevKv()} asked for it and
 *                 there was one; else {@code null}
 * @param revision the revision of the change; for PROGRESS, the revision up to which every event has
 *                 been delivered
 */
public record WatchEvent(Type type, Kv kv, Kv prevKv, long revision) {

    /** What an item is. */
    public enum Type {
        PUT,
        DELETE,
        /** Not a change: the server says every event up to {@link WatchEvent#revision()} has been sent. */
        PROGRESS
    }

    public static WatchEvent progress(long revision) {
        return new WatchEvent(Type.PROGRESS, null, null, revision);
    }

    public boolean isProgress() {
        return type == Type.PROGRESS;
    }

    /** Roughly how many bytes the event holds, for the watcher's queue bound. */
    long weight() {
        long w = 64;
        if (kv != null) {
            w += kv.key().length + kv.value().length;
        }
        if (prevKv != null) {
            w += prevKv.key().length + prevKv.value().length;
        }
        return w;
    }
}
