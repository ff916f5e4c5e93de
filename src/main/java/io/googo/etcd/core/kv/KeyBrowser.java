package io.googo.etcd.core.kv;

import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.KeyRanges;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Browses the key space as a tree of {@code /}-separated segments, as a shell completes file names:
 * the keys under a prefix, each cut after the first {@code /} past the prefix, without repeats.
 * A subtree of a million keys costs one small request: after a {@code dir/} segment the next
 * request starts past every key under it. Keys that are not printable UTF-8 are left out.
 */
public final class KeyBrowser {
    private static final int PAGE = 64;

    private final EtcdClient client;

    public KeyBrowser(EtcdClient client) {
        this.client = client;
    }

    /**
     * At most {@code max} entries under {@code prefix}, in key order: whole keys, and
     * {@code prefix...segment/} for keys further down.
     */
    public List<String> children(String prefix, int max) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = p.length == 0 ? KeyRanges.ALL : KeyRanges.prefixEnd(p);
        byte[] from = p.length == 0 ? KeyRanges.ALL : p;
        List<String> out = new ArrayList<>();
        for (int requests = 0; requests < max && out.size() < max; requests++) {
            GetResult page = client.get(
                    from,
                    GetOptions.builder()
                            .rangeEnd(end)
                            .keysOnly(true)
                            .limit(PAGE)
                            .build());
            byte[] next = null;
            for (Kv kv : page.kvs()) {
                byte[] key = kv.key();
                if (next != null && Arrays.compareUnsigned(key, next) < 0) {
                    continue; // still under the segment just listed
                }
                int slash = indexOf(key, (byte) '/', p.length);
                byte[] entry = slash < 0 ? key : Arrays.copyOf(key, slash + 1);
                next = slash < 0 ? KeyRanges.successor(key) : KeyRanges.prefixEnd(entry);
                String s = printable(entry);
                if (s != null) {
                    out.add(s);
                    if (out.size() == max) {
                        return out;
                    }
                }
            }
            if (!page.more() || next == null || (!isAll(end) && Arrays.compareUnsigned(next, end) >= 0)) {
                break;
            }
            from = next;
        }
        return out;
    }

    private static boolean isAll(byte[] end) {
        return end.length == 1 && end[0] == 0;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String printable(byte[] key) {
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return s.chars().anyMatch(Character::isISOControl) ? null : s;
    }
}
