package io.googo.etcd.core.key;

import io.googo.etcd.core.EtcdException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, for text that becomes a key or a value: bytes that are not valid UTF-8 are
 * refused instead of read as U+FFFD, and a string with an unpaired surrogate (which Java's
 * encoder writes as {@code ?}) is refused instead of encoded. Never a silent rewrite.
 */
public final class Utf8 {
    private Utf8() {}

    /** Where the first byte of {@code b[from, to)} that is not valid UTF-8 is, or -1 when all of it is. */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= 0) {
            i++;
        }
        if (i == to) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(b, i, to - i);
        CharBuffer out = CharBuffer.allocate(Math.min(to - i, 8192) + 2);
        var d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return in.hasRemaining() ? in.position() : -1;
            }
            out.clear();
        }
    }

    /**
     * Where {@code b[from, to)}, which is not valid UTF-8, goes wrong: {@code "byte 0xFF at column 3"}
     * (the column counts the characters before it, from 1).
     */
    public static String whereInvalid(byte[] b, int from, int to) {
        int at = firstInvalid(b, from, to);
        if (at < 0) {
            return "valid UTF-8";
        }
        int col = new String(b, from, at - from, StandardCharsets.UTF_8).length() + 1;
        return String.format("byte 0x%02X at column %d", b[at] & 0xff, col);
    }

    /** {@code b[from, to)} as a string, or {@code null} when it is not valid UTF-8. */
    public static String decodeOrNull(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * {@code s} as UTF-8 bytes.
     *
     * @param what names the text in the error, e.g. {@code "line 3: key"}
     * @throws EtcdException INVALID_INPUT when {@code s} holds an unpaired surrogate (a JSON
     *                       {@code "\ud800"} escape, say), which has no UTF-8 form
     */
    public static byte[] encode(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw EtcdException.invalid(what + ": contains an unpaired surrogate \\u" + Integer.toHexString(c)
                        + ", which has no UTF-8 form; give other bytes in base64");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
