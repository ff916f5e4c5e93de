package io.googo.etcd.core.key;

import io.googo.etcd.core.EtcdException;
import java.util.Arrays;

/** Range arithmetic on raw keys, as etcd defines it. */
public final class KeyRanges {
    /** The range end that means "to the end of the key space" (and, as a key, "from the start"). */
    public static final byte[] ALL = {0};

    private KeyRanges() {}

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

    /** The keys a get or delete covers: from {@code start} to {@code end} (exclusive; {@code null}: the one key). */
    public record Range(byte[] start, byte[] end) {}

    /**
     * The range of a key with etcdctl's range flags: {@code --prefix} (every key starting with it;
     * an empty key: every key), {@code --from-key} (every key from it on; an empty key: from the
     * first), or an explicit {@code rangeEnd}.
     *
     * @throws EtcdException INVALID_INPUT for both flags at once or an empty single key
     */
    public static Range of(byte[] key, byte[] rangeEnd, boolean prefix, boolean fromKey) {
        if (prefix && fromKey) {
            throw EtcdException.invalid("prefix and from-key cannot be used together");
        }
        byte[] start = key;
        byte[] end = rangeEnd;
        if (prefix) {
            if (start.length == 0) {
                start = ALL;
                end = ALL;
            } else {
                end = prefixEnd(start);
            }
        } else if (fromKey) {
            if (start.length == 0) {
                start = ALL;
            }
            end = ALL;
        }
        KeyNames.checkKey(start, "key");
        return new Range(start, end);
    }

    /** The smallest key greater than {@code key}: the key followed by a zero byte. */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
