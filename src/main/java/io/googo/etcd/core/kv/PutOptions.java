package io.googo.etcd.core.kv;

import java.time.Duration;

/**
 * Options of a put, as {@code gooetcd put}'s flags.
 *
 * @param lease         attach this lease (0: none)
 * @param ttl           grant a lease of this TTL and attach it (put-with-TTL); {@code null}: none
 * @param prevKv        return the previous pair
 * @param ignoreValue   keep the key's current value (update its lease only)
 * @param ignoreLease   keep the key's current lease
 * @param ifModRevision compare-and-swap: write only if the key's mod_revision is this (0: key absent)
 * @param ifValue       write only if the key's current value is this
 */
public record PutOptions(
        long lease,
        Duration ttl,
        boolean prevKv,
        boolean ignoreValue,
        boolean ignoreLease,
        Long ifModRevision,
        byte[] ifValue) {

    public static final PutOptions DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public boolean conditional() {
        return ifModRevision != null || ifValue != null;
    }

    /** Mutable builder for {@link PutOptions}. */
    public static final class Builder {
        private long lease;
        private Duration ttl;
        private boolean prevKv;
        private boolean ignoreValue;
        private boolean ignoreLease;
        private Long ifModRevision;
        private byte[] ifValue;

        public Builder lease(long v) {
            lease = v;
            return this;
        }

        public Builder ttl(Duration v) {
            ttl = v;
            return this;
        }

        public Builder prevKv(boolean v) {
            prevKv = v;
            return this;
        }

        public Builder ignoreValue(boolean v) {
            ignoreValue = v;
            return this;
        }

        public Builder ignoreLease(boolean v) {
            ignoreLease = v;
            return this;
        }

        public Builder ifModRevision(Long v) {
            ifModRevision = v;
            return this;
        }

        public Builder ifValue(byte[] v) {
            ifValue = v;
            return this;
        }

        public PutOptions build() {
            return new PutOptions(lease, ttl, prevKv, ignoreValue, ignoreLease, ifModRevision, ifValue);
        }
    }
}
