package io.googo.etcd.core.key;

import java.util.Arrays;

/** Range arithmetic on raw keys, as etcd defines it. */
public final class KeyRanges {
    /** The range end that means "to the end of the key space" (and, as a key, "from the start"). */
    public static final byte[] ALL = {0};

    private KeyRanges() {
    }

    /** The smallest key greater than every key that starts with {@code prefix}; {@link #ALL} if none. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return ALL.clone();
    }

    /** The smallest key greater than {@code key}: the key followed by a zero byte. */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
