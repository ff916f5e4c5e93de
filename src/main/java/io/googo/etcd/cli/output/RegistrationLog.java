package io.googo.etcd.cli.output;

import io.googo.etcd.core.registry.JsonText;
import io.googo.etcd.core.registry.RegistrationEvent;
import java.time.Instant;

/**
 * The log lines of {@code register} (on stderr, one per state change): with {@code -w json} one JSON object
 * per line, {@code {"time":"…Z","event":"registered","service":…,"addr":…,"key":…,"lease":"hex","reason":null}};
 * else {@code TIME EVENT KEY lease=HEX[: REASON]}. The JSON is written as Jackson's generator writes it,
 * without Jackson ({@link JsonText}): the sidecar does not carry its classes for a few lines.
 */
public final class RegistrationLog {
    private RegistrationLog() {}

    public static String line(RegistrationEvent e, boolean json) {
        if (!json) {
            return time(e.time()) + " " + e.type().label() + " " + e.key() + " lease=" + Text.leaseHex(e.lease())
                    + (e.reason() == null ? "" : ": " + e.reason());
        }
        StringBuilder b = new StringBuilder(160).append('{');
        field(b, "time", time(e.time())).append(',');
        field(b, "event", e.type().label()).append(',');
        field(b, "service", e.service()).append(',');
        field(b, "addr", e.addr()).append(',');
        field(b, "key", e.key()).append(',');
        field(b, "lease", Text.leaseHex(e.lease())).append(',');
        field(b, "reason", e.reason());
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return JsonText.quote(JsonText.quote(b, name).append(':'), value);
    }

    /**
     * {@code t.toString()} (ISO-8601 in UTC, the fraction in groups of three digits as needed), written
     * without {@code java.time}'s formatter: its classes (~60, and the formatters they build) would be
     * loaded for one timestamp per state change. Years outside 0000–9999 go to {@link Instant#toString}.
     */
    static String time(Instant t) {
        long secs = t.getEpochSecond();
        int nano = t.getNano();
        long days = Math.floorDiv(secs, 86_400L);
        int secOfDay = (int) Math.floorMod(secs, 86_400L);
        // the proleptic Gregorian date of an epoch day (H. Hinnant's days_from_civil, inverted)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            return t.toString();
        }
        StringBuilder b = new StringBuilder(30);
        digits(b, year, 4).append('-');
        digits(b, month, 2).append('-');
        digits(b, day, 2).append('T');
        digits(b, secOfDay / 3_600, 2).append(':');
        digits(b, secOfDay / 60 % 60, 2).append(':');
        digits(b, secOfDay % 60, 2);
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                digits(b, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(b, nano / 1_000, 6);
            } else {
                digits(b, nano, 9);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
