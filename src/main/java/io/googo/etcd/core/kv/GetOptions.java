package io.googo.etcd.core.kv;

import java.util.Locale;

/**
 * Options of a range read, as etcdctl's {@code get} flags. Immutable; use {@link #builder()}.
 *
 * <p>{@code pageSize}: ranges in key order are read in pages of this many keys, all at the
 * revision of the first page; {@link #AUTO_PAGE_SIZE} (the default) starts at
 * {@value #DEFAULT_PAGE_SIZE} keys and grows the pages while a response stays under 80% of the
 * client's max receive message size (a page that comes back too large anyway is asked again with
 * half as many keys, and the pages stop growing). etcd 3.4 walks its index from a request's start to its range end on every
 * request, so without a limit each page after the first asks for a range that ends about two
 * pages on ({@code PageBounds}), and the next page is asked for while this one is handed on.
 * Either way the result is one consistent snapshot however large.
 */
public record GetOptions(
        byte[] rangeEnd,
        boolean prefix,
        boolean fromKey,
        long limit,
        long revision,
        SortTarget sortBy,
        SortOrder order,
        boolean keysOnly,
        boolean countOnly,
        boolean serializable,
        long minCreateRevision,
        long maxCreateRevision,
        long minModRevision,
        long maxModRevision,
        int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 1000;
    /** Pages that start at {@link #DEFAULT_PAGE_SIZE} keys and grow with small responses. */
    public static final int AUTO_PAGE_SIZE = 0;

    public static final GetOptions DEFAULT = builder().build();

    public enum SortTarget {
        KEY,
        CREATE,
        MODIFY,
        VERSION,
        VALUE;

        /** The names {@link #parse} takes, for messages. */
        public static final String NAMES = "create, modify, version, key or value";

        /** The target named {@code name} (create, modify, version, key, value; any case), or null. */
        public static SortTarget parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "key" -> KEY;
                case "create" -> CREATE;
                case "modify" -> MODIFY;
                case "version" -> VERSION;
                case "value" -> VALUE;
                default -> null;
            };
        }
    }

    public enum SortOrder {
        NONE,
        ASCEND,
        DESCEND;

        /** The names {@link #parse} takes, for messages. */
        public static final String NAMES = "ascend or descend";

        /** The order named {@code name} (ascend, descend; any case), or null. */
        public static SortOrder parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "ascend" -> ASCEND;
                case "descend" -> DESCEND;
                default -> null;
            };
        }
    }

    /** A read's consistency, as etcdctl's {@code --consistency}: linearizable or serializable. */
    public enum Consistency {
        LINEARIZABLE,
        SERIALIZABLE;

        /** The names {@link #parse} takes, for messages. */
        public static final String NAMES = "l (linearizable) or s (serializable)";

        /** The consistency named {@code name} ({@code l} or {@code s}, exactly), or null. */
        public static Consistency parse(String name) {
            return switch (name) {
                case "l" -> LINEARIZABLE;
                case "s" -> SERIALIZABLE;
                default -> null;
            };
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder for {@link GetOptions}. */
    public static final class Builder {
        private byte[] rangeEnd;
        private boolean prefix;
        private boolean fromKey;
        private long limit;
        private long revision;
        private SortTarget sortBy = SortTarget.KEY;
        private SortOrder order = SortOrder.NONE;
        private boolean keysOnly;
        private boolean countOnly;
        private boolean serializable;
        private long minCreateRevision;
        private long maxCreateRevision;
        private long minModRevision;
        private long maxModRevision;
        private int pageSize = AUTO_PAGE_SIZE;

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

        public Builder limit(long v) {
            limit = v;
            return this;
        }

        public Builder revision(long v) {
            revision = v;
            return this;
        }

        public Builder sortBy(SortTarget v) {
            sortBy = v;
            return this;
        }

        public Builder order(SortOrder v) {
            order = v;
            return this;
        }

        public Builder keysOnly(boolean v) {
            keysOnly = v;
            return this;
        }

        public Builder countOnly(boolean v) {
            countOnly = v;
            return this;
        }

        public Builder serializable(boolean v) {
            serializable = v;
            return this;
        }

        public Builder minCreateRevision(long v) {
            minCreateRevision = v;
            return this;
        }

        public Builder maxCreateRevision(long v) {
            maxCreateRevision = v;
            return this;
        }

        public Builder minModRevision(long v) {
            minModRevision = v;
            return this;
        }

        public Builder maxModRevision(long v) {
            maxModRevision = v;
            return this;
        }

        public Builder pageSize(int v) {
            pageSize = v;
            return this;
        }

        public GetOptions build() {
            return new GetOptions(
                    rangeEnd,
                    prefix,
                    fromKey,
                    limit,
                    revision,
                    sortBy,
                    order,
                    keysOnly,
                    countOnly,
                    serializable,
                    minCreateRevision,
                    maxCreateRevision,
                    minModRevision,
                    maxModRevision,
                    pageSize);
        }
    }
}
