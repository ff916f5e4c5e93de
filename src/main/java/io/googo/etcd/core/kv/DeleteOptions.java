package io.googo.etcd.core.kv;

/**
 * Options of a delete, as etcdctl's {@code del} flags. Build one with {@link #builder()}; the
 * record's constructor stays for source compatibility.
 *
 * @param rangeEnd delete {@code [key, rangeEnd)} instead of one key; {@code null} for none
 * @param prefix   delete every key that starts with the key
 * @param fromKey  delete every key at or after the key
 * @param prevKv   return the deleted key-values
 */
public record DeleteOptions(byte[] rangeEnd, boolean prefix, boolean fromKey, boolean prevKv) {
    /** Delete one key and return nothing of it. */
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, false, false, false);

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder of {@link DeleteOptions}. */
    public static final class Builder {
        private byte[] rangeEnd;
        private boolean prefix;
        private boolean fromKey;
        private boolean prevKv;

        private Builder() {}

        /**
         * Deletes {@code [key, v)}.
         *
         * @param v the exclusive end of the range, or {@code null} for one key
         * @return this builder
         */
        public Builder rangeEnd(byte[] v) {
            rangeEnd = v;
            return this;
        }

        /**
         * Deletes every key that starts with the key.
         *
         * @param v whether to
         * @return this builder
         */
        public Builder prefix(boolean v) {
            prefix = v;
            return this;
        }

        /**
         * Deletes every key at or after the key.
         *
         * @param v whether to
         * @return this builder
         */
        public Builder fromKey(boolean v) {
            fromKey = v;
            return this;
        }

        /**
         * Returns the deleted key-values in {@link DeleteResult#prevKvs()}.
         *
         * @param v whether to
         * @return this builder
         */
        public Builder prevKv(boolean v) {
            prevKv = v;
            return this;
        }

        /**
         * Builds the options (checked when used: prefix and from-key exclude each other and a range end).
         *
         * @return the options
         */
        public DeleteOptions build() {
            return new DeleteOptions(rangeEnd, prefix, fromKey, prevKv);
        }
    }
}
