package io.googo.etcd.cli.output;

import java.util.Arrays;
import java.util.Base64;

/**
 * A JSON document built straight as UTF-8 bytes, for the per-event output of a watch: the key and
 * value go from their bytes to the output with no {@code String}, no charset coder and no Jackson
 * generator in between (a replay prints tens of thousands of events, and each layer is code to
 * interpret and compile). It writes exactly what the Jackson generator of {@link JsonPrinter}
 * writes for the same fields: strings escaped as Jackson escapes them ({@code \"}, {@code \\},
 * {@code \b \t \n \f \r}, any other control character as backslash, {@code u00} and two uppercase hex digits,
 * a character above U+FFFF as its two UTF-16 surrogates escaped the same way, nothing else), a key or
 * value that is not valid UTF-8 as standard base64 with padding ({@code JsonBytesTest} compares
 * the two byte for byte).
 */
final class JsonBytes {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private byte[] buf = new byte[512];
    private int len;

    /** Starts a new document (drops what the last one held). */
    void reset() {
        len = 0;
    }

    /** What was written since {@link #reset()}. */
    byte[] bytes() {
        return buf;
    }

    /** How many bytes {@link #bytes()} holds. */
    int length() {
        return len;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Bytes that need no escaping (field names, punctuation: ASCII). */
    void raw(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void raw(char c) {
        room(1);
        buf[len++] = (byte) c;
    }

    /** A number, as {@link Long#toString(long)} writes it. */
    void num(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                raw(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            }
            raw('-');
            v = -v;
        }
        room(19);
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    /** An ASCII string value, quoted (no escaping needed: hex digits, names). */
    void asciiString(String s) {
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        buf[len++] = '"';
    }

    /**
     * {@code ,"name":"text"} when {@code b} is valid UTF-8, else {@code ,"name_base64":"…"}: what
     * {@link ReadableJsonPrinter}'s {@code bytes} writes. {@code name} is {@code ,"name} (with the
     * comma when one is due, without the closing quote).
     */
    void bytesField(byte[] name, byte[] b) {
        raw(name);
        if (Text.isUtf8(b)) {
            raw(QUOTE_COLON);
            string(b);
        } else {
            raw(BASE64_COLON);
            raw('"');
            raw(Base64.getEncoder().encode(b));
            raw('"');
        }
    }

    private static final byte[] QUOTE_COLON = {'"', ':'};
    private static final byte[] BASE64_COLON = {'_', 'b', 'a', 's', 'e', '6', '4', '"', ':'};

    /** Valid UTF-8 bytes as a quoted JSON string, escaped as Jackson escapes them. */
    void string(byte[] b) {
        room(b.length + 2);
        buf[len++] = '"';
        int n = b.length;
        for (int i = 0; i < n; i++) {
            byte x = b[i];
            if (x >= 0x20 && x != '"' && x != '\\' || x < 0 && (x & 0xf8) != 0xf0) {
                if (len == buf.length) {
                    room(1);
                }
                buf[len++] = x;
            } else if (x < 0) {
                supplementary(b, i);
                i += 3;
            } else {
                escape(x);
            }
        }
        room(1);
        buf[len++] = '"';
    }

    /**
     * A character above U+FFFF (four bytes of valid UTF-8 at {@code i}): Jackson writes its two
     * UTF-16 surrogates as escapes (U+1F600: {@code u} D83D and {@code u} DE00, each after a backslash).
     */
    private void supplementary(byte[] b, int i) {
        int cp = (b[i] & 0x07) << 18 | (b[i + 1] & 0x3f) << 12 | (b[i + 2] & 0x3f) << 6 | b[i + 3] & 0x3f;
        unicodeEscape(Character.highSurrogate(cp));
        unicodeEscape(Character.lowSurrogate(cp));
    }

    private void unicodeEscape(char c) {
        room(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xf];
        buf[len++] = HEX[c >> 8 & 0xf];
        buf[len++] = HEX[c >> 4 & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    private void escape(byte x) {
        room(6);
        buf[len++] = '\\';
        switch (x) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\t' -> buf[len++] = 't';
            case '\n' -> buf[len++] = 'n';
            case '\f' -> buf[len++] = 'f';
            case '\r' -> buf[len++] = 'r';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[x >> 4];
                buf[len++] = HEX[x & 0xf];
            }
        }
    }
}
