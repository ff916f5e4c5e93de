package io.googo.etcd.cli.command;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a byte stream as strict UTF-8 text, for the commands that read commands from
 * standard input or a file ({@code batch}, {@code shell}, {@code txn -i}, {@code watch -i}).
 * A line that is not valid UTF-8 is refused, naming it, instead of read with U+FFFD as a
 * {@code Reader} would. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as
 * {@link java.io.BufferedReader#readLine()} ends them. It reads only what is available, so it
 * works on a terminal line by line.
 */
final class TextLines implements Closeable {
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int limit;
    private boolean skipLf;
    private boolean eof;
    private long number;

    TextLines(InputStream in) {
        this.in = in;
    }

    /** The number of the line last read, from 1. */
    long number() {
        return number;
    }

    /** The next line's bytes without its end, or {@code null} at the end of the input. */
    byte[] nextBytes() throws IOException {
        line.reset();
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (line.size() == 0) {
                        return null;
                    }
                    number++;
                    return line.toByteArray();
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            line.write(buf, start, pos - start);
            if (pos < limit) {
                skipLf = buf[pos] == '\r';
                pos++;
                number++;
                return line.toByteArray();
            }
        }
    }

    /**
     * The next line, or {@code null} at the end of the input.
     *
     * @throws EtcdException INVALID_INPUT {@code line N: not valid UTF-8 (byte 0xFF at column C)}
     */
    String next() throws IOException {
        byte[] b = nextBytes();
        if (b == null) {
            return null;
        }
        String s = Utf8.decodeOrNull(b, 0, b.length);
        if (s == null) {
            throw EtcdException.invalid("line " + number + ": " + notUtf8(b));
        }
        return s;
    }

    /** What is wrong with {@code b}, which is not valid UTF-8: its first bad byte and where. */
    static String notUtf8(byte[] b) {
        return "not valid UTF-8 (" + Utf8.whereInvalid(b, 0, b.length) + ")";
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        while (n == 0) {
            n = in.read(buf);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
