package io.googo.etcd.cli.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The number formats etcdctl's cluster output uses (Go's {@code humanize.Bytes}, {@code %16x}). */
public final class Humanize {
    private static final String[] SI = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Humanize() {}

    /**
     * Bytes in SI units as {@code humanize.Bytes} writes them: {@code 9 B}, {@code 20 kB},
     * {@code 1.5 MB}. Rounds half to even, as Go's {@code %.0f} and {@code %.1f} do.
     */
    public static String bytes(long n) {
        if (n >= 0 && n < 10) {
            return n + " B";
        }
        double s = n < 0 ? n + 0x1p64 : n;
        int e = (int) Math.floor(StrictMath.log(s) / StrictMath.log(1000));
        double val = Math.floor(s / Math.pow(1000, e) * 10 + 0.5) / 10;
        int scale = val < 10 ? 1 : 0;
        return new BigDecimal(val).setScale(scale, RoundingMode.HALF_EVEN).toPlainString() + " " + SI[e];
    }

    /** A member or cluster ID as etcdctl's {@code %16x}: hex, padded with spaces to 16 characters. */
    public static String hex16(long id) {
        return String.format("%16s", Long.toHexString(id));
    }
}
