package io.googo.etcd.core.auth;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.KeyRanges;
import java.util.Arrays;
import java.util.Locale;

/**
 * A key permission of a role: read, write or both, on one key ({@code rangeEnd} empty) or on the keys
 * {@code [key, rangeEnd)}. A range end of {@code "\0"} means "to the end of the key space", and a
 * key of {@code "\0"} with it means every key. The factories build these as etcdctl's
 * {@code role grant-permission} does.
 *
 * @param type     what the permission allows
 * @param key      the key, or the start of the range
 * @param rangeEnd the end of the range (exclusive); empty for one key
 */
public record Permission(Type type, byte[] key, byte[] rangeEnd) {
    /** What a permission allows, with etcd's names. */
    public enum Type {
        READ,
        WRITE,
        READWRITE;

        /** The type named {@code name} ({@code read}, {@code write}, {@code readwrite}), in any case. */
        public static Type parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw EtcdException.invalid(
                        "invalid permission type: " + name + " (expected read, write or readwrite)");
            }
        }

        /** Whether it allows reading. */
        public boolean reads() {
            return this != WRITE;
        }

        /** Whether it allows writing. */
        public boolean writes() {
            return this != READ;
        }
    }

    public Permission {
        java.util.Objects.requireNonNull(type, "type");
        key = key.clone();
        rangeEnd = rangeEnd.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] rangeEnd() {
        return rangeEnd.clone();
    }

    /** Whether it covers a range rather than one key. */
    public boolean isRange() {
        return rangeEnd.length > 0;
    }

    /** Whether the range is open ended (its end is {@code "\0"}). */
    public boolean isOpenEnded() {
        return Arrays.equals(rangeEnd, KeyRanges.ALL);
    }

    /** Whether the range is that of a prefix: its end is the prefix end of its (non-empty) key. */
    public boolean isPrefix() {
        return key.length > 0 && isRange() && Arrays.equals(KeyRanges.prefixEnd(key), rangeEnd);
    }

    /**
     * The permission etcdctl's {@code role grant-permission ROLE TYPE KEY [END] [--prefix|--from-key]}
     * grants: one key; {@code [key, end)}; every key starting with {@code key}; every key from
     * {@code key} on. An empty key is etcd's {@code "\0"}: with {@code --prefix} or {@code --from-key}
     * every key.
     *
     * @param end     the range end, or {@code null}
     * @param prefix  every key starting with {@code key}
     * @param fromKey every key from {@code key} on
     * @throws EtcdException INVALID_INPUT when flags and {@code end} contradict each other
     */
    public static Permission of(Type type, byte[] key, byte[] end, boolean prefix, boolean fromKey) {
        return new Permission(type, rangeKey(key, end, prefix, fromKey), rangeEnd(key, end, prefix, fromKey));
    }

    /** The key etcd is sent for {@code key} with these flags (an empty key becomes {@code "\0"}). */
    static byte[] rangeKey(byte[] key, byte[] end, boolean prefix, boolean fromKey) {
        return key.length == 0 ? KeyRanges.ALL.clone() : key.clone();
    }

    /** The range end etcd is sent for {@code key} with these flags; empty for one key. */
    static byte[] rangeEnd(byte[] key, byte[] end, boolean prefix, boolean fromKey) {
        if (prefix && fromKey) {
            throw EtcdException.invalid("--from-key and --prefix flags are mutually exclusive");
        }
        if (key.length == 0) {
            return prefix || fromKey ? KeyRanges.ALL.clone() : new byte[0];
        }
        if (end != null) {
            if (prefix) {
                throw EtcdException.invalid("unexpected endkey argument with --prefix flag");
            }
            if (fromKey) {
                throw EtcdException.invalid("unexpected endkey argument with --from-key flag");
            }
            return end.clone();
        }
        if (prefix) {
            return KeyRanges.prefixEnd(key);
        }
        return fromKey ? KeyRanges.ALL.clone() : new byte[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission p
                && p.type == type
                && Arrays.equals(p.key, key)
                && Arrays.equals(p.rangeEnd, rangeEnd);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Arrays.hashCode(rangeEnd);
    }

    @Override
    public String toString() {
        return "Permission[" + type + " " + Arrays.toString(key) + ", " + Arrays.toString(rangeEnd) + "]";
    }
}
