package io.googo.etcd.core.kv;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Guesses an upper bound for the next page of a paged range read, so that each request asks
 * for a short range instead of the whole rest of it.
 *
 * <p>Why: etcd 3.4 walks its index over every key from a request's start to its range end,
 * whatever the limit, so reading N keys in pages of P with the real range end costs it
 * O(N²/P). Asking for {@code [start, bound)} instead makes it walk only up to the bound. Any
 * bound above the start is correct (the next request starts where this one's range ended);
 * a good one just holds about a page of keys. The guess extrapolates from the keys seen so
 * far, reading the bytes after the range's common prefix as a big number: after a full page
 * the next bound is two such pages' width ahead; a short or empty answer widens it (at most
 * fourfold a time, eightfold after an empty one). Keys that do not differ within the bytes
 * counted, or a bound past the range end, give the range end.
 */
final class PageBounds {
    /** Bytes of a key (after the common prefix) that count in the arithmetic. */
    private static final int WIDTH = 64;
    /** A bound aims at this many pages: walking a few keys too many costs etcd less than one more request. */
    private static final long AIM = 2;
    /** After a short answer, the next bound is at most this much farther. */
    private static final long SHORT_GROWTH = 4;
    /** After an empty answer (a gap in the keys), the next bound is this much farther. */
    private static final long EMPTY_GROWTH = 8;

    private final byte[] end;
    private final boolean toEndOfKeys;
    private final int base;
    private final BigInteger limit;
    private BigInteger span;

    /**
     * @param start the range's first key
     * @param end its (exclusive) end; {@code {0}} for "every key from start"
     */
    PageBounds(byte[] start, byte[] end) {
        this.end = end;
        this.toEndOfKeys = end.length == 1 && end[0] == 0;
        this.base = toEndOfKeys ? 0 : commonPrefix(start, end);
        this.limit = BigInteger.ONE.shiftLeft(8 * WIDTH);
    }

    /**
     * The end for the request that starts at {@code next}, after a request over
     * {@code [from, to)} ({@code to == null}: the range end) asked for {@code asked} keys and got
     * {@code got} of them, the last being {@code last}; {@code page}: the keys the next one asks.
     *
     * @return the bound (above {@code next}), or {@code null} for the range end
     */
    byte[] next(byte[] from, byte[] to, long asked, int got, byte[] last, byte[] next, long page) {
        BigInteger f = pos(from);
        if (got >= asked && got > 0) {
            // full: the page's own width, scaled to the next page's size
            BigInteger width = pos(last).subtract(f);
            if (width.signum() <= 0) {
                span = null;
                return null;
            }
            span = scale(width, page * AIM, got).max(BigInteger.ONE);
        } else if (to != null) {
            BigInteger width = pos(to).subtract(f).max(BigInteger.ONE);
            BigInteger was = span == null ? width : span;
            if (got == 0) {
                span = was.multiply(BigInteger.valueOf(EMPTY_GROWTH));
            } else {
                span = scale(width, page * AIM, got).max(was).min(was.multiply(BigInteger.valueOf(SHORT_GROWTH)));
            }
        } else {
            return null;
        }
        BigInteger b = pos(next).add(span);
        if (b.compareTo(limit) >= 0) {
            return null;
        }
        byte[] bound = bytes(next, b);
        if (Arrays.compareUnsigned(bound, next) <= 0) {
            return null;
        }
        if (!toEndOfKeys && Arrays.compareUnsigned(bound, end) >= 0) {
            return null;
        }
        return bound;
    }

    private static BigInteger scale(BigInteger v, long num, long den) {
        return v.multiply(BigInteger.valueOf(num)).divide(BigInteger.valueOf(Math.max(1, den)));
    }

    /** The key's bytes after the common prefix, cut or zero-padded to {@link #WIDTH}, as a number. */
    private BigInteger pos(byte[] key) {
        byte[] b = new byte[WIDTH + 1];
        int n = Math.max(0, Math.min(WIDTH, key.length - base));
        System.arraycopy(key, Math.min(base, key.length), b, 1, n);
        return new BigInteger(b);
    }

    /** The common prefix followed by the number's {@link #WIDTH} bytes, trailing zeros dropped where that keeps it above {@code next}. */
    private byte[] bytes(byte[] next, BigInteger v) {
        byte[] num = v.toByteArray();
        byte[] out = new byte[base + WIDTH];
        System.arraycopy(next, 0, out, 0, Math.min(base, next.length));
        int copy = Math.min(num.length, WIDTH);
        System.arraycopy(num, num.length - copy, out, base + WIDTH - copy, copy);
        // a bound needs no more bytes than the keys have (rounding down keeps it a bound)
        byte[] trimmed = Arrays.copyOf(out, Math.min(out.length, Math.max(base + 1, next.length + 1)));
        int len = trimmed.length;
        while (len > base + 1 && trimmed[len - 1] == 0) {
            len--;
        }
        trimmed = Arrays.copyOf(trimmed, len);
        return Arrays.compareUnsigned(trimmed, next) > 0 ? trimmed : out;
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
