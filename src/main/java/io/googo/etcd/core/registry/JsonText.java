package io.googo.etcd.core.registry;

/**
 * JSON string literals for the {@code register} sidecar's value and log lines, written as Jackson's
 * generator writes them with its defaults (the tests compare both over every UTF-16 unit): {@code "} and
 * {@code \} escaped, the control characters below U+0020 as {@code \b \t \n \f \r} or {@code \}{@code
 * u00XX} (upper-case hex), everything else as it is. Without Jackson, whose ~70 classes a sidecar would
 * otherwise carry for its whole life for a few short strings.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {}

    /** Appends {@code s} as a JSON string literal, or {@code null} when it is null. */
    public static StringBuilder quote(StringBuilder out, String s) {
        if (s == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
