package io.googo.etcd.core.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.key.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The bulk line format: {@code {"key":"k","value":"v","ttl":30}}. A key or value that is not
 * valid UTF-8 is written as {@code key_base64} / {@code value_base64}; {@code ttl} is seconds
 * (a Go duration string such as "30s" is accepted too). Unknown fields are refused, so a typo
 * does not silently load the wrong thing.
 */
public final class NdjsonCodec {
    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private NdjsonCodec() {}

    /**
     * Parses one line.
     *
     * @param where names the line in errors, e.g. {@code "line 12"}
     * @throws EtcdException INVALID_INPUT saying what is wrong with the line
     */
    public static Record parse(String line, String where) {
        byte[] key = null;
        byte[] value = null;
        long ttl = 0;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw EtcdException.invalid(where + ": expected a JSON object like {\"key\":\"k\",\"value\":\"v\"}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "key", "key_base64" -> {
                        if (key != null) {
                            throw EtcdException.invalid(where + ": both key and key_base64 (or key twice)");
                        }
                        key = bytes(p, t, field, where);
                    }
                    case "value", "value_base64" -> {
                        if (value != null) {
                            throw EtcdException.invalid(where + ": both value and value_base64 (or value twice)");
                        }
                        value = bytes(p, t, field, where);
                    }
                    case "ttl" -> ttl = ttl(p, t, where);
                    case "decoded" ->
                        throw EtcdException.invalid(where + ": a decoded value (dump --decode) cannot"
                                + " be loaded: decoded objects are for reading, they are never encoded back;"
                                + " load a dump made without --decode");
                    default ->
                        throw EtcdException.invalid(where + ": unknown field '" + field
                                + "'; expected key or key_base64, value or value_base64, ttl");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw EtcdException.invalid(where + ": malformed JSON: one object per line expected");
            }
        } catch (JsonEOFException e) {
            throw EtcdException.invalid(where + ": malformed JSON: the line ends inside the object");
        } catch (JsonProcessingException e) {
            throw EtcdException.invalid(where + ": malformed JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw EtcdException.invalid(where + ": unreadable line: " + e.getMessage());
        }
        if (key == null || key.length == 0) {
            throw EtcdException.invalid(where + ": missing or empty key");
        }
        if (value == null) {
            throw EtcdException.invalid(where + ": missing value (or value_base64)");
        }
        return new Record(key, value, ttl);
    }

    private static final byte[] FAST_KEY = "{\"key\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAST_VALUE = "\",\"value\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAST_TTL = "\",\"ttl\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The common line, read straight from its bytes {@code b[from, to)}: exactly
     * {@code {"key":"k","value":"v"}} or {@code {"key":"k","value":"v","ttl":30}} as dump writes
     * it, with no escapes, no spaces and valid UTF-8. Anything else gives {@code null}: the
     * caller then decodes the line and calls {@link #parse} (which also names what is wrong),
     * so both read the same lines as the same records.
     */
    static Record parseFast(byte[] b, int from, int to) {
        if (!startsWith(b, from, to, FAST_KEY)) {
            return null;
        }
        int ks = from + FAST_KEY.length;
        int ke = plainString(b, ks, to);
        if (ke <= ks || !startsWith(b, ke, to, FAST_VALUE)) {
            return null;
        }
        int vs = ke + FAST_VALUE.length;
        int ve = plainString(b, vs, to);
        if (ve < 0) {
            return null;
        }
        long ttl = 0;
        if (ve + 2 == to && b[ve + 1] == '}') {
            // {"key":"k","value":"v"}
        } else if (startsWith(b, ve, to, FAST_TTL)) {
            int d = ve + FAST_TTL.length;
            int digits = to - 1 - d;
            if (digits < 1 || digits > 18 || b[to - 1] != '}' || b[d] == '0' && digits > 1) {
                return null;
            }
            for (int i = d; i < to - 1; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) {
                    return null;
                }
                ttl = ttl * 10 + c;
            }
        } else {
            return null;
        }
        return new Record(Arrays.copyOfRange(b, ks, ke), Arrays.copyOfRange(b, vs, ve), ttl);
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] p) {
        if (to - at < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where the string that starts at {@code from} ends (its closing quote), or -1 when it is not plain: an escape, a control character, bad UTF-8, no end. */
    private static int plainString(byte[] b, int from, int to) {
        boolean high = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '"') {
                return high && !isUtf8(b, from, i) ? -1 : i;
            }
            if (c == '\\' || c >= 0 && c < 0x20) {
                return -1;
            }
            high |= c < 0;
        }
        return -1;
    }

    private static byte[] bytes(JsonParser p, JsonToken t, String field, String where) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw EtcdException.invalid(where + ": " + field + " must be a string");
        }
        if (field.endsWith("_base64")) {
            try {
                return Base64.getDecoder().decode(p.getText());
            } catch (IllegalArgumentException e) {
                throw EtcdException.invalid(where + ": " + field + " is not valid base64");
            }
        }
        return Utf8.encode(p.getText(), where + ": " + field);
    }

    private static long ttl(JsonParser p, JsonToken t, String where) throws IOException {
        long seconds;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            seconds = p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            var d = Durations.parse(p.getText(), where + ": ttl");
            if (d.getNano() != 0) {
                throw EtcdException.invalid(where + ": ttl must be whole seconds, got " + p.getText());
            }
            seconds = d.getSeconds();
        } else {
            throw EtcdException.invalid(where + ": ttl must be a number of seconds or a duration like \"30s\"");
        }
        if (seconds < 0) {
            throw EtcdException.invalid(where + ": ttl must not be negative");
        }
        return seconds;
    }

    /**
     * A reusable line writer; not thread-safe. It writes the bytes itself: a key or value that is
     * valid UTF-8 is copied as it is, with only {@code "}, {@code \\} and control characters
     * escaped (as Jackson escapes them), anything else goes as base64. Lines collect in a buffer
     * of its own: {@link #flush()} hands them to the stream.
     */
    public static final class Writer {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] KEY = "{\"key\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] KEY64 = "{\"key_base64\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE = "\",\"value\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE64 = "\",\"value_base64\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TTL = "\",\"ttl\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DECODED = ",\"decoded\":".getBytes(StandardCharsets.US_ASCII);
        /** Which ASCII bytes need an escape: 0 none, 'u' as \\u00XX, else the letter after the backslash. */
        private static final byte[] ESCAPE = new byte[128];

        static {
            for (int c = 0; c < 0x20; c++) {
                ESCAPE[c] = 'u';
            }
            ESCAPE['\b'] = 'b';
            ESCAPE['\t'] = 't';
            ESCAPE['\n'] = 'n';
            ESCAPE['\f'] = 'f';
            ESCAPE['\r'] = 'r';
            ESCAPE['"'] = '"';
            ESCAPE['\\'] = '\\';
        }

        private final OutputStream out;
        private byte[] buf = new byte[1 << 16];
        private int pos;

        public Writer(OutputStream out) {
            this.out = out;
        }

        public void write(Record r) throws IOException {
            write(r.key(), r.value(), r.ttlSeconds());
        }

        /** One line: {@code key}, {@code value} and, when above 0, {@code ttl} seconds. */
        public void write(byte[] key, byte[] value, long ttlSeconds) throws IOException {
            write(key, value, ttlSeconds, null);
        }

        /**
         * One line with {@code "decoded"}: the JSON text {@code decodedJson} (for reading; such a
         * line is refused by {@link NdjsonCodec#parse}, so a decoded dump cannot be loaded back).
         * {@code null} writes no field.
         */
        public void write(byte[] key, byte[] value, long ttlSeconds, byte[] decodedJson) throws IOException {
            field(KEY, KEY64, key);
            field(VALUE, VALUE64, value);
            if (ttlSeconds > 0) {
                put(TTL);
                ensure(21);
                pos = putLong(ttlSeconds);
            } else {
                ensure(1);
                buf[pos++] = '"';
            }
            if (decodedJson != null) {
                put(DECODED);
                put(decodedJson);
            }
            ensure(2);
            buf[pos++] = '}';
            buf[pos++] = '\n';
            if (pos > buf.length - 4096) {
                drain();
            }
        }

        /** Writes what is buffered to the stream (and flushes nothing further down). */
        public void flush() throws IOException {
            drain();
        }

        private void drain() throws IOException {
            if (pos > 0) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }

        private void field(byte[] name, byte[] name64, byte[] b) throws IOException {
            if (isUtf8(b)) {
                put(name);
                string(b);
            } else {
                put(name64);
                put(Base64.getEncoder().encode(b));
            }
        }

        private void string(byte[] b) throws IOException {
            ensure(b.length);
            int p = pos;
            byte[] o = buf;
            for (int i = 0; i < b.length; i++) {
                byte c = b[i];
                if (c >= 0 && ESCAPE[c] != 0) {
                    pos = p;
                    escaped(b, i);
                    return;
                }
                o[p++] = c;
            }
            pos = p;
        }

        /** The slow path, from the first byte that needs an escape on. */
        private void escaped(byte[] b, int from) throws IOException {
            for (int i = from; i < b.length; i++) {
                ensure(6);
                byte c = b[i];
                byte e = c >= 0 ? ESCAPE[c] : 0;
                if (e == 0) {
                    buf[pos++] = c;
                } else if (e == 'u') {
                    buf[pos++] = '\\';
                    buf[pos++] = 'u';
                    buf[pos++] = '0';
                    buf[pos++] = '0';
                    buf[pos++] = HEX[c >> 4];
                    buf[pos++] = HEX[c & 0xf];
                } else {
                    buf[pos++] = '\\';
                    buf[pos++] = e;
                }
            }
        }

        private void put(byte[] b) throws IOException {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        private int putLong(long v) {
            String s = Long.toString(v);
            for (int i = 0; i < s.length(); i++) {
                buf[pos + i] = (byte) s.charAt(i);
            }
            return pos + s.length();
        }

        /** Room for {@code n} more bytes: drains the buffer, or grows it for a huge key or value. */
        private void ensure(int n) throws IOException {
            if (buf.length - pos >= n) {
                return;
            }
            drain();
            if (buf.length < n) {
                buf = new byte[Math.max(n, buf.length * 2)];
            }
        }
    }

    /**
     * Whether {@code b} is well-formed UTF-8 as Java's strict decoder takes it: no overlong
     * forms, no surrogates, nothing above U+10FFFF, no cut sequence.
     */
    static boolean isUtf8(byte[] b) {
        return isUtf8(b, 0, b.length);
    }

    /** {@link #isUtf8(byte[])} of {@code b[from, to)}. */
    static boolean isUtf8(byte[] b, int from, int to) {
        int i = from;
        int n = to;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xc2) {
                return false;
            } else if (c < 0xe0) {
                if (i + 1 >= n || (b[i + 1] & 0xc0) != 0x80) {
                    return false;
                }
                i += 2;
            } else if (c < 0xf0) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c1 & 0xc0) != 0x80
                        || (b[i + 2] & 0xc0) != 0x80
                        || c == 0xe0 && c1 < 0xa0
                        || c == 0xed && c1 >= 0xa0) {
                    return false;
                }
                i += 3;
            } else if (c < 0xf5) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c1 & 0xc0) != 0x80
                        || (b[i + 2] & 0xc0) != 0x80
                        || (b[i + 3] & 0xc0) != 0x80
                        || c == 0xf0 && c1 < 0x90
                        || c == 0xf4 && c1 >= 0x90) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }
}
