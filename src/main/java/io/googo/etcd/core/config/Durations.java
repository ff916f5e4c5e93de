package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 1.5h}), parsed and formatted. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "µs",
            1_000L,
            "μs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private Durations() {}

    /**
     * Parses a Go-style duration. {@code what} names the field or flag for the error message.
     *
     * @throws EtcdException INVALID_INPUT when the text is not a non-negative Go duration
     */
    public static Duration parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw EtcdException.invalid(what + ": empty duration; write it Go-style, e.g. 500ms, 5s, 1m30s");
        }
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw EtcdException.invalid(
                        what + ": bad duration '" + text + "'; write it Go-style, e.g. 500ms, 5s, 1m30s");
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        try {
            // like Go, a fraction of a nanosecond is dropped (1.5ns is 1ns)
            return Duration.ofNanos(total.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw EtcdException.invalid(what + ": duration '" + text + "' is out of range");
        }
    }

    /** Like {@link #parse} but also refuses zero. */
    public static Duration parsePositive(String text, String what) {
        Duration d = parse(text, what);
        if (d.isZero()) {
            throw EtcdException.invalid(what + ": duration must be greater than 0, got '" + text + "'");
        }
        return d;
    }

    /** Formats the way Go's {@code time.Duration.String()} does: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return sb.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return sb.append(trim(BigDecimal.valueOf(nanos, 3)))
                        .append("µs")
                        .toString();
            }
            return sb.append(trim(BigDecimal.valueOf(nanos, 6))).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        nanos -= hours * 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L;
        nanos -= minutes * 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(trim(BigDecimal.valueOf(nanos, 9))).append('s').toString();
    }

    private static String trim(BigDecimal v) {
        String s = v.stripTrailingZeros().toPlainString();
        return s;
    }
}
