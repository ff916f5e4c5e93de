package io.googo.etcd.core.watch;

import io.googo.etcd.core.EtcdException;
import java.time.Duration;

/**
 * What a {@link Watcher} watches and how, as etcdctl's {@code watch} flags plus the watcher's own
 * limits. Immutable; use {@link #builder()}.
 *
 * @param rangeEnd        watch [key, rangeEnd) ({@code null}: the key alone, unless prefix/fromKey)
 * @param prefix          watch every key that starts with the key
 * @param fromKey         watch every key &gt;= the key
 * @param startRevision   first revision to deliver (0: changes after the watch starts)
 * @param prevKv          deliver each change's previous pair
 * @param progressNotify  deliver the server's progress notifications as PROGRESS items
 * @param noPut           leave out PUT events
 * @param noDelete        leave out DELETE events
 * @param maxQueuedEvents the most events held for a slow consumer before the stream is paused
 * @param maxQueuedBytes  the most bytes (keys and values) held before the stream is paused
 * @param initialBackoff  first pause before resuming a broken stream
 * @param maxBackoff      longest pause between attempts to resume
 */
public record WatchOptions(
        byte[] rangeEnd,
        boolean prefix,
        boolean fromKey,
        long startRevision,
        boolean prevKv,
        boolean progressNotify,
        boolean noPut,
        boolean noDelete,
        int maxQueuedEvents,
        long maxQueuedBytes,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final int DEFAULT_MAX_QUEUED_EVENTS = 8192;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;
    public static final WatchOptions DEFAULT = builder().build();

    public WatchOptions {
        if (startRevision < 0) {
            throw EtcdException.invalid("watch options: startRevision must not be negative");
        }
        if (maxQueuedEvents < 1 || maxQueuedBytes < 1) {
            throw EtcdException.invalid("watch options: queue bounds must be positive");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw EtcdException.invalid("watch options: backoff must be positive and initialBackoff <= maxBackoff");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .rangeEnd(rangeEnd)
                .prefix(prefix)
                .fromKey(fromKey)
                .startRevision(startRevision)
                .prevKv(prevKv)
                .progressNotify(progressNotify)
                .noPut(noPut)
                .noDelete(noDelete)
                .maxQueuedEvents(maxQueuedEvents)
                .maxQueuedBytes(maxQueuedBytes)
                .initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff);
    }

    /** Mutable builder for {@link WatchOptions}. */
    public static final class Builder {
        private byte[] rangeEnd;
        private boolean prefix;
        private boolean fromKey;
        private long startRevision;
        private boolean prevKv;
        private boolean progressNotify;
        private boolean noPut;
        private boolean noDelete;
        private int maxQueuedEvents = DEFAULT_MAX_QUEUED_EVENTS;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(3);

        public Builder rangeEnd(byte[] v) {
            rangeEnd = v;
            return this;
        }

        public Builder prefix(boolean v) {
            prefix = v;
            return this;
        }

        public Builder fromKey(boolean v) {
            fromKey = v;
            return this;
        }

        public Builder startRevision(long v) {
            startRevision = v;
            return this;
        }

        public Builder prevKv(boolean v) {
            prevKv = v;
            return this;
        }

        public Builder progressNotify(boolean v) {
            progressNotify = v;
            return this;
        }

        public Builder noPut(boolean v) {
            noPut = v;
            return this;
        }

        public Builder noDelete(boolean v) {
            noDelete = v;
            return this;
        }

        public Builder maxQueuedEvents(int v) {
            maxQueuedEvents = v;
            return this;
        }

        public Builder maxQueuedBytes(long v) {
            maxQueuedBytes = v;
            return this;
        }

        public Builder initialBackoff(Duration v) {
            initialBackoff = v;
            return this;
        }

        public Builder maxBackoff(Duration v) {
            maxBackoff = v;
            return this;
        }

        public WatchOptions build() {
            return new WatchOptions(
                    rangeEnd,
                    prefix,
                    fromKey,
                    startRevision,
                    prevKv,
                    progressNotify,
                    noPut,
                    noDelete,
                    maxQueuedEvents,
                    maxQueuedBytes,
                    initialBackoff,
                    maxBackoff);
        }
    }
}
