package io.googo.etcd.core.txn;

import io.googo.etcd.core.kv.DeleteOptions;
import io.googo.etcd.core.kv.GetOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One operation of a transaction branch: a put, a range read or a delete. */
public sealed interface TxnOp permits TxnOp.Put, TxnOp.Get, TxnOp.Delete {

    byte[] key();

    /**
     * A put, with etcdctl's put flags that a transaction can carry.
     *
     * @param lease       attach this lease (0: none)
     * @param ignoreValue keep the key's current value (then {@code value} is empty)
     * @param ignoreLease keep the key's current lease
     */
    record Put(byte[] key, byte[] value, long lease, boolean prevKv, boolean ignoreValue, boolean ignoreLease)
            implements TxnOp {
        public static Put of(byte[] key, byte[] value) {
            return new Put(key, value, 0, false, false, false);
        }

        /** A plain put of a UTF-8 key and value. */
        public static Put of(String key, String value) {
            return of(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p
                    && Arrays.equals(key, p.key)
                    && Arrays.equals(value, p.value)
                    && lease == p.lease
                    && prevKv == p.prevKv
                    && ignoreValue == p.ignoreValue
                    && ignoreLease == p.ignoreLease;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "put " + new String(key, StandardCharsets.UTF_8) + " " + new String(value, StandardCharsets.UTF_8);
        }
    }

    /** A range read; the page size of {@link GetOptions} does not apply (one request). */
    record Get(byte[] key, GetOptions options) implements TxnOp {
        /** A read of a UTF-8 key (or range, by {@code options}). */
        public static Get of(String key, GetOptions options) {
            return new Get(key.getBytes(StandardCharsets.UTF_8), options);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Get g && Arrays.equals(key, g.key) && sameOptions(options, g.options);
        }

        private static boolean sameOptions(GetOptions a, GetOptions b) {
            return Arrays.equals(a.rangeEnd(), b.rangeEnd())
                    && a.prefix() == b.prefix()
                    && a.fromKey() == b.fromKey()
                    && a.limit() == b.limit()
                    && a.revision() == b.revision()
                    && a.sortBy() == b.sortBy()
                    && a.order() == b.order()
                    && a.keysOnly() == b.keysOnly()
                    && a.countOnly() == b.countOnly()
                    && a.minCreateRevision() == b.minCreateRevision()
                    && a.maxCreateRevision() == b.maxCreateRevision()
                    && a.minModRevision() == b.minModRevision()
                    && a.maxModRevision() == b.maxModRevision();
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "get " + new String(key, StandardCharsets.UTF_8);
        }
    }

    /** A delete of a key or range. */
    record Delete(byte[] key, DeleteOptions options) implements TxnOp {
        /** A delete of a UTF-8 key (or range, by {@code options}). */
        public static Delete of(String key, DeleteOptions options) {
            return new Delete(key.getBytes(StandardCharsets.UTF_8), options);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delete d
                    && Arrays.equals(key, d.key)
                    && Arrays.equals(options.rangeEnd(), d.options.rangeEnd())
                    && options.prefix() == d.options.prefix()
                    && options.fromKey() == d.options.fromKey()
                    && options.prevKv() == d.options.prevKv();
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "del " + new String(key, StandardCharsets.UTF_8);
        }
    }
}
