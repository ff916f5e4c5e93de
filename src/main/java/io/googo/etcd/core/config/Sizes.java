package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes written as {@code 2097152}, {@code 2MiB}, {@code 512KiB}, {@code 2MB}. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    public static int parse(String text, String what) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw EtcdException.invalid(what + ": bad size '" + text + "'; write bytes or e.g. 512KiB, 2MiB");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw EtcdException.invalid(what + ": size '" + text + "' must be at least 1 byte and less than 2GiB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        boolean binary = unit.contains("i") || unit.length() == 1;
        long base = binary ? 1024 : 1000;
        long mult = switch (unit.charAt(0)) {
            case 'k' -> base;
            case 'm' -> base * base;
            case 'g' -> base * base * base;
            default -> 1;
        };
        long bytes = n > Integer.MAX_VALUE ? Long.MAX_VALUE : n * mult;
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw EtcdException.invalid(what + ": size '" + text + "' must be at least 1 byte and less than 2GiB");
        }
        return (int) bytes;
    }

    public static String format(int bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + "KiB";
        }
        return Integer.toString(bytes);
    }
}
