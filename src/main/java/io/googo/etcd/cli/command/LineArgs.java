package io.googo.etcd.cli.command;

import io.googo.etcd.core.EtcdException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of input into words the way a shell would, for lines read from standard input
 * ({@code watch -i}): blanks separate words; "double quotes" keep blanks and take backslash
 * escapes of {@code "}, {@code \} and {@code $}; 'single quotes' keep everything as is; a
 * backslash outside quotes escapes the next character.
 */
final class LineArgs {
    private LineArgs() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '\'') {
                int end = line.indexOf('\'', i);
                if (end < 0) {
                    throw EtcdException.invalid("unterminated ' in: " + line);
                }
                w.append(line, i, end);
                i = end + 1;
                inWord = true;
            } else if (c == '"') {
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i++);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\' && i < line.length() && "\"\\$".indexOf(line.charAt(i)) >= 0) {
                        d = line.charAt(i++);
                    }
                    w.append(d);
                }
                if (!closed) {
                    throw EtcdException.invalid("unterminated \" in: " + line);
                }
                inWord = true;
            } else if (c == '\\' && i < line.length()) {
                w.append(line.charAt(i++));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
