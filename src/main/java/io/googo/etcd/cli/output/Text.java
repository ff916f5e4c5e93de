package io.googo.etcd.cli.output;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Small text helpers shared by the printers: UTF-8 checks and Go's {@code %q} quoting. */
public final class Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {}

    /** The bytes as a string if they are valid UTF-8, else {@code null}. */
    public static String utf8OrNull(byte[] b) {
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
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
