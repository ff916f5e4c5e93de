package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gooetcd config use}: a minimal, atomic, comment-keeping edit of the profile file. */
final class ProfileFileEditor {
    private static final Pattern CURRENT_LINE = Pattern.compile("^current[ \\t]*:");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-/]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private ProfileFileEditor() {}

    static void use(Path file, String name) {
        if (name == null || name.isBlank()) {
            throw EtcdException.invalid("config use: empty profile name");
        }
        String text = ProfileFile.readText(file);
        boolean bom = startsWithBom(file);
        ProfileFile before = ProfileYaml.parse(text, file, file.toString(), false);
        if (!before.profiles().containsKey(name)) {
            throw EtcdException.invalid(file + ": no profile '" + name + "'; "
                    + (before.isEmpty()
                            ? "the file defines no profiles"
                            : "known profiles: " + String.join(", ", before.names())));
        }
        if (name.equals(before.current())) {
            return;
        }
        String edited = edit(text, name);
        if (!sameButCurrent(edited, before, name)) {
            // The layout defeated the line edit (flow style, an indented document, ...):
            // write the file anew from what was parsed. Comments are lost, content is not.
            edited = ProfileYamlWriter.write(ProfileYamlWriter.toMap(name, before.profiles(), false));
        }
        write(file, (bom ? "\uFEFF" : "") + edited);
    }

    private static boolean sameButCurrent(String edited, ProfileFile before, String name) {
        try {
            ProfileFile after = ProfileYaml.parse(edited, null, "(edited)", false);
            return name.equals(after.current()) && after.profiles().equals(before.profiles());
        } catch (EtcdException e) {
            return false;
        }
    }

    /** Replaces the value of the top-level {@code current:} line, or inserts one. */
    static String edit(String text, String name) {
        String value = quote(name);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        int start = 0;
        int insertAt = -1;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, contentEnd);
            Matcher m = CURRENT_LINE.matcher(line);
            if (m.find()) {
                String newLine = replaceValue(line, m.end(), value);
                return text.substring(0, start) + newLine + text.substring(contentEnd);
            }
            if (insertAt < 0 && !skippable(line)) {
                insertAt = start;
            }
            start = nl < 0 ? text.length() : nl + 1;
        }
        String currentLine = "current: " + value + eol;
        if (insertAt >= 0) {
            return text.substring(0, insertAt) + currentLine + text.substring(insertAt);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            return text + eol + currentLine;
        }
        return text + currentLine;
    }

    /** Comment, blank, directive and document-start lines come before the inserted {@code current:}. */
    private static boolean skippable(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#") || line.startsWith("%") || t.equals("---");
    }

    private static String replaceValue(String line, int afterColon, String value) {
        int i = afterColon;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        int valueEnd;
        if (i >= line.length() || line.charAt(i) == '#') {
            // no value on this line: "current:" or "current:   # comment"
            return line.substring(0, afterColon) + " " + value + line.substring(afterColon);
        }
        char c = line.charAt(i);
        if (c == '"') {
            valueEnd = i + 1;
            while (valueEnd < line.length() && line.charAt(valueEnd) != '"') {
                valueEnd += line.charAt(valueEnd) == '\\' ? 2 : 1;
            }
            valueEnd = Math.min(valueEnd + 1, line.length());
        } else if (c == '\'') {
            valueEnd = i + 1;
            while (valueEnd < line.length()) {
                if (line.charAt(valueEnd) == '\'') {
                    if (valueEnd + 1 < line.length() && line.charAt(valueEnd + 1) == '\'') {
                        valueEnd += 2;
                        continue;
                    }
                    break;
                }
                valueEnd++;
            }
            valueEnd = Math.min(valueEnd + 1, line.length());
        } else {
            valueEnd = i;
            while (valueEnd < line.length()) {
                char ch = line.charAt(valueEnd);
                if (ch == '#' && (line.charAt(valueEnd - 1) == ' ' || line.charAt(valueEnd - 1) == '\t')) {
                    break;
                }
                valueEnd++;
            }
            while (valueEnd > i && (line.charAt(valueEnd - 1) == ' ' || line.charAt(valueEnd - 1) == '\t')) {
                valueEnd--;
            }
        }
        return line.substring(0, i) + value + line.substring(valueEnd);
    }

    /** The name as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
    static String quote(String name) {
        if (PLAIN_NAME.matcher(name).matches() && !YAML_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean startsWithBom(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(3);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
            return b.position() == 3
                    && (b.get(0) & 0xff) == 0xEF
                    && (b.get(1) & 0xff) == 0xBB
                    && (b.get(2) & 0xff) == 0xBF;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Replaces {@code file} with {@code text} atomically: a temp file in the same
     * directory, fsynced, given the old file's permissions (and owner, when allowed), then
     * renamed over the old one. A symbolic link is followed so the link stays a link.
     */
    static void write(Path file, String text) {
        Path target;
        try {
            target = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw EtcdException.io(file + ": cannot write profile file: no such file", e);
        } catch (IOException e) {
            throw EtcdException.io(file + ": cannot write profile file: " + e.getMessage(), e);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyAttributes(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw EtcdException.io(file + ": cannot replace the profile file atomically on this file system", e);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (AccessDeniedException e) {
            throw EtcdException.io(file + ": cannot write profile file: permission denied (" + e.getFile() + ")", e);
        } catch (IOException e) {
            throw EtcdException.io(file + ": cannot write profile file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributeView fromView = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView toView = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (fromView == null || toView == null) {
            return;
        }
        PosixFileAttributes attrs = fromView.readAttributes();
        try {
            toView.setOwner(attrs.owner());
            toView.setGroup(attrs.group());
        } catch (IOException | SecurityException e) {
            // only root may give a file away; the permissions below still apply
        }
        toView.setPermissions(attrs.permissions());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform can open a directory; the rename is already done
        }
    }
}
