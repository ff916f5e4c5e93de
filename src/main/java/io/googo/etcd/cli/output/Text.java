package io.googo.etcd.cli.output;

import java.nio.charset.StandardCharsets;

/** Small text helpers shared by the printers: UTF-8 checks and Go's {@code %q} quoting. */
public final class Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {}

    /** The bytes as a string if they are valid UTF-8 ({@link #isUtf8}), else {@code null}. */
    public static String utf8OrNull(byte[] b) {
        return isUtf8(b) ? new String(b, StandardCharsets.UTF_8) : null;
    }

    /**
     * Whether {@code b} is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
     * surrogates, nothing above U+10FFFF), as the JDK's strict decoder judges it; checked on the
     * bytes, with no decoder and no string ({@code watch -w json} writes the bytes themselves).
     */
    public static boolean isUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int used = sequence(b, i, n);
            if (used == 0) {
                return false;
            }
            i += used;
        }
        return true;
    }

    /** The length of the well-formed multi-byte sequence at {@code i}, or 0. */
    private static int sequence(byte[] b, int i, int n) {
        int c = b[i] & 0xff;
        if (c >= 0xc2 && c <= 0xdf) {
            return i + 1 < n && cont(b[i + 1]) ? 2 : 0;
        }
        if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= n) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xe0 ? 0xa0 : 0x80;
            int hi = c == 0xed ? 0x9f : 0xbf;
            return c1 >= lo && c1 <= hi && cont(b[i + 2]) ? 3 : 0;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= n) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xf0 ? 0x90 : 0x80;
            int hi = c == 0xf4 ? 0x8f : 0xbf;
            return c1 >= lo && c1 <= hi && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : 0;
        }
        return 0;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }

    /** A lease ID as etcdctl shows it: 16 lowercase hex digits; {@code 0} (no lease) as "0". */
    public static String leaseHex(long id) {
        return id == 0 ? "0" : String.format("%016x", id);
    }

    /** Quotes like Go's {@code strconv.Quote}, which etcdctl's fields output uses. */
    public static String goQuote(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + 2).append('"');
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                switch (c) {
                    case 0x07 -> sb.append("\\a");
                    case 0x08 -> sb.append("\\b");
                    case 0x0c -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case 0x0b -> sb.append("\\v");
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                        } else {
                            sb.append((char) c);
                        }
                    }
                }
                i++;
                continue;
            }
            int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            String s = len > 1 && i + len <= b.length ? utf8OrNull(java.util.Arrays.copyOfRange(b, i, i + len)) : null;
            if (s == null) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                i++;
            } else {
                int cp = s.codePointAt(0);
                if (goPrintable(cp)) {
                    sb.append(s);
                } else {
                    sb.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                }
                i += len;
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint} for a non-ASCII code point: letters, marks, numbers, punctuation, symbols. */
    private static boolean goPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
