package io.googo.etcd.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.core.key.KeyRanges;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link PageBounds} against a simulated etcd: whatever the keys, paging with its bounds reads
 * every key once and in order, and each request after the first walks a short stretch of keys
 * (what etcd 3.4 pays for) instead of the whole rest of the range.
 */
class PageBoundsTest {
    private static final int PAGE = 500;

    /** What reading a range cost: requests, and keys etcd walked over in all of them. */
    private record Cost(int requests, long walked) {}

    private static Cost read(TreeSet<byte[]> keys, byte[] start, byte[] end) {
        boolean toEnd = end.length == 1 && end[0] == 0;
        PageBounds bounds = new PageBounds(start, end);
        List<byte[]> out = new ArrayList<>();
        byte[] from = start;
        byte[] to = null;
        int requests = 0;
        long walked = 0;
        long count = -1;
        while (true) {
            byte[] stop = to == null ? end : to;
            var range = toEnd && to == null ? keys.tailSet(from, true) : keys.subSet(from, true, stop, false);
            requests++;
            walked += range.size();
            assertThat(requests).as("requests").isLessThan(10_000);
            if (count < 0) {
                count = range.size();
            }
            List<byte[]> page = range.stream().limit(PAGE).toList();
            boolean more = range.size() > PAGE;
            out.addAll(page);
            byte[] last = page.isEmpty() ? null : page.get(page.size() - 1);
            byte[] next;
            if (to == null) {
                if (!more) {
                    break;
                }
                next = KeyRanges.successor(last);
            } else {
                next = more ? KeyRanges.successor(last) : to;
            }
            if (out.size() >= count) {
                break;
            }
            byte[] was = to;
            to = bounds.next(from, was, PAGE, page.size(), last, next, PAGE);
            if (to != null) {
                assertThat(Arrays.compareUnsigned(to, next))
                        .as("bound above the next start")
                        .isPositive();
                if (!toEnd) {
                    assertThat(Arrays.compareUnsigned(to, end))
                            .as("bound below the range end")
                            .isNegative();
                }
            }
            from = next;
        }
        assertThat(out)
                .as("every key once, in order")
                .containsExactlyElementsOf(keys.subSet(start, true, toEnd ? keys.last() : end, toEnd));
        return new Cost(requests, walked);
    }

    private static TreeSet<byte[]> set() {
        return new TreeSet<>(Arrays::compareUnsigned);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decimalKeysAreReadInFewShortWalks() {
        TreeSet<byte[]> keys = set();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            keys.add(b(String.format("p/big/%07d", i)));
        }
        Cost c = read(keys, b("p/big/"), KeyRanges.prefixEnd(b("p/big/")));
        // pages of 500: 100 full ones (with a gap in the bytes at every thousand); the whole rest each time would be
        // 2.5 million
        assertThat(c.requests()).isLessThan(250);
        assertThat(c.walked()).isLessThan(10L * n);
    }

    @Test
    void randomBinaryKeysWithGapsAndLongCommonPartsAreAllRead() {
        Random r = new Random(42);
        TreeSet<byte[]> keys = set();
        for (int i = 0; i < 20_000; i++) {
            byte[] k = new byte[2 + r.nextInt(20)];
            r.nextBytes(k);
            k[0] = 'p';
            keys.add(k);
        }
        for (int i = 0; i < 3000; i++) {
            // a dense cluster far past the others' first bytes, and keys longer than the bytes counted
            keys.add(b("p\u007f" + "x".repeat(80) + String.format("%05d", i)));
        }
        keys.add(new byte[] {'p', (byte) 0xff, (byte) 0xff});
        Cost c = read(keys, b("p"), KeyRanges.prefixEnd(b("p")));
        assertThat(c.requests()).isLessThan(1000);
    }

    @Test
    void fromKeyToTheEndOfTheKeySpace() {
        TreeSet<byte[]> keys = set();
        for (int i = 0; i < 5000; i++) {
            keys.add(b("k" + i));
            keys.add(new byte[] {(byte) 0xfe, (byte) (i >> 8), (byte) i});
        }
        read(keys, b("k2"), KeyRanges.ALL);
        read(keys, KeyRanges.ALL, KeyRanges.ALL);
    }

    @Test
    void fewKeys() {
        TreeSet<byte[]> keys = set();
        read(keys, b("a/"), KeyRanges.prefixEnd(b("a/")));
        keys.add(b("a/"));
        keys.add(b("a/\u0000"));
        read(keys, b("a/"), KeyRanges.prefixEnd(b("a/")));
        for (int i = 0; i < 2 * PAGE + 1; i++) {
            keys.add(b("a/" + "z".repeat(i % 7) + i));
        }
        read(keys, b("a/"), KeyRanges.prefixEnd(b("a/")));
    }
}
