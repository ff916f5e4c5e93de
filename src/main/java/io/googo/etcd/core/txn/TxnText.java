package io.googo.etcd.core.txn;

import io.googo.etcd.core.EtcdException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a transaction text under a cursor that counts lines and columns: blanks,
 * line ends, bare words and quoted strings (Go's escapes), and errors that name
 * {@code source:line:column}. {@link TxnParser} reads the grammar on top of it.
 */
final class TxnText {
    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int col = 1;

    TxnText(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The line of the cursor, from 1. */
    int line() {
        return line;
    }

    /** The column of the cursor, from 1. */
    int col() {
        return col;
    }

    // ---- strings ---------------------------------------------------------------------------

    static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** A run of characters up to a blank, the end of the line or a closing parenthesis-free end. */
    byte[] bare() {
        StringBuilder sb = new StringBuilder();
        while (!eof() && !atEol() && !isBlank(peek())) {
            sb.append(next());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A quoted string at the cursor: "Go escapes", 'raw' or `raw`; may span lines. */
    byte[] quoted() {
        int l = line;
        int c = col;
        char q = next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder run = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new Unterminated(message(l, c, "unterminated string: the " + q + " opened here is never closed"));
            }
            char ch = next();
            if (ch == q) {
                flush(run, out);
                return out.toByteArray();
            }
            if (ch == '\r' && q == '`' && !eof() && peek() == '\n') {
                continue; // Go drops carriage returns from raw strings
            }
            if (ch != '\\' || q != '"') {
                run.append(ch);
                continue;
            }
            flush(run, out);
            escape(out);
        }
    }

    private static void flush(StringBuilder run, ByteArrayOutputStream out) {
        if (run.length() > 0) {
            out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
            run.setLength(0);
        }
    }

    /** One escape after a backslash in a double-quoted string, as Go's strconv.Unquote reads it. */
    private void escape(ByteArrayOutputStream out) {
        int l = line;
        int c = col - 1;
        if (eof()) {
            throw new Unterminated(message(l, c, "unterminated string: it ends in a backslash"));
        }
        char e = next();
        switch (e) {
            case 'a' -> out.write(7);
            case 'b' -> out.write(8);
            case 'f' -> out.write(12);
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(11);
            case '\\' -> out.write('\\');
            case '"' -> out.write('"');
            case 'x' -> out.write(hexDigits(2, l, c));
            case 'u', 'U' -> {
                int cp = hexDigits(e == 'u' ? 4 : 8, l, c);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                    throw error(l, c, "escape \\" + e + " is not a valid Unicode code point");
                }
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0; i < 2; i++) {
                        if (eof() || peek() < '0' || peek() > '7') {
                            throw error(l, c, "an octal escape takes three digits, e.g. \\101");
                        }
                        v = v * 8 + (next() - '0');
                    }
                    if (v > 255) {
                        throw error(l, c, "octal escape \\" + Integer.toOctalString(v) + " is above \\377");
                    }
                    out.write(v);
                } else {
                    throw error(
                            l,
                            c,
                            "unknown escape \\" + e
                                    + "; use \\n, \\t, \\\\, \\\", \\xNN, \\uNNNN or single quotes for raw text");
                }
            }
        }
    }

    private int hexDigits(int n, int l, int c) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            if (eof() || Character.digit(peek(), 16) < 0) {
                throw error(l, c, "escape takes " + n + " hex digits");
            }
            v = v * 16 + Character.digit(next(), 16);
        }
        return v;
    }

    // ---- the cursor ------------------------------------------------------------------------

    boolean eof() {
        return pos >= text.length();
    }

    char peek() {
        return text.charAt(pos);
    }

    char next() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        return c;
    }

    boolean atEol() {
        char c = peek();
        return c == '\n'
                || c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n'
                || c == '\r' && pos + 1 == text.length();
    }

    void eol() {
        if (peek() == '\r') {
            next();
        }
        if (!eof() && peek() == '\n') {
            next();
        }
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0x0b || c == '\r';
    }

    void skipBlanks() {
        while (!eof() && isBlank(peek()) && !atEol()) {
            next();
        }
    }

    void expect(char c, String what) {
        if (eof() || peek() != c) {
            throw error(line, col, "expected " + what + ", got " + describeHere());
        }
        next();
    }

    String describeHere() {
        if (eof()) {
            return "the end of the input";
        }
        if (atEol()) {
            return "the end of the line";
        }
        int cp = text.codePointAt(pos);
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private String message(int l, int c, String what) {
        return "txn: " + source + ":" + l + ":" + c + ": " + what;
    }

    EtcdException error(int l, int c, String what) {
        return EtcdException.invalid(message(l, c, what));
    }

    /** A string still open at the end of the input: an error, or (interactive) a value still being typed. */
    static final class Unterminated extends EtcdException {
        private static final long serialVersionUID = 1L;

        Unterminated(String message) {
            super(io.googo.etcd.core.ErrorKind.INVALID_INPUT, message);
        }
    }
}
