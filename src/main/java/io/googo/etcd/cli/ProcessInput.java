package io.googo.etcd.cli;

import io.googo.etcd.cli.output.Text;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the process was given, read as bytes where Linux shows them, so that no locale changes
 * them: the JVM decodes {@code argv} and the environment with the locale's charset
 * ({@code sun.jnu.encoding}, ASCII under {@code LANG=C} or no {@code LANG}), which turns every
 * non-ASCII byte into U+FFFD. Here the arguments come from {@code /proc/self/cmdline} and the
 * environment from {@code /proc/self/environ}, decoded as strict UTF-8. Where that cannot be read
 * or does not match what the JVM was given, the JVM's own strings are used.
 */
public final class ProcessInput {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");
    private static final Path ENVIRON = Path.of("/proc/self/environ");

    private ProcessInput() {}

    /**
     * The user's arguments as the exact bytes the shell passed, decoded as UTF-8.
     *
     * @param jvmArgs what {@code main} was given
     * @throws EtcdException INVALID_INPUT naming the first argument that is not valid UTF-8 (or, where
     *                       the bytes cannot be read, that the JVM read with U+FFFD): it would
     *                       reach etcd as other bytes than the ones given
     */
    public static String[] arguments(String[] jvmArgs) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(CMDLINE);
        } catch (IOException | RuntimeException e) {
            cmdline = null;
        }
        return arguments(cmdline, jvmArgs, jnuCharset());
    }

    /** {@link #arguments(String[])} from the given {@code /proc/self/cmdline} bytes ({@code null}: none). */
    static String[] arguments(byte[] cmdline, String[] jvmArgs, Charset jnu) {
        List<byte[]> raw = cmdline == null ? null : entries(cmdline, jvmArgs);
        if (raw == null) {
            // the bytes cannot be told: the JVM's strings, unless it replaced bytes it could not read
            for (int i = 0; i < jvmArgs.length; i++) {
                if (jvmArgs[i].indexOf('\uFFFD') >= 0) {
                    throw EtcdException.invalid("argument " + (i + 1) + " (" + quote(jvmArgs[i])
                            + ") holds bytes this locale (" + jnu + ") cannot read, and its bytes cannot be"
                            + " read otherwise here; run gooetcd in a UTF-8 locale (LANG=C.UTF-8)");
                }
            }
            return jvmArgs;
        }
        String[] out = new String[jvmArgs.length];
        for (int i = 0; i < out.length; i++) {
            byte[] b = raw.get(i);
            String s = Utf8.decodeOrNull(b, 0, b.length);
            if (s == null) {
                throw EtcdException.invalid("argument " + (i + 1) + " (" + Text.goQuote(b) + ") is not valid UTF-8 ("
                        + Utf8.whereInvalid(b, 0, b.length) + "); arguments must be UTF-8: give other bytes as"
                        + " key_base64/value_base64 in a line for 'gooetcd load' (a value can also come on"
                        + " standard input: put KEY < FILE)");
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * The last {@code n} NUL-terminated entries of {@code cmdline} when they are the arguments the
     * JVM was given (the same ASCII characters in the same places), else {@code null}.
     */
    private static List<byte[]> entries(byte[] cmdline, String[] jvmArgs) {
        int n = jvmArgs.length;
        List<byte[]> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                all.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start != cmdline.length || all.size() < n + 1) {
            return null; // not NUL-terminated as Linux writes it, or too few entries
        }
        List<byte[]> args = all.subList(all.size() - n, all.size());
        for (int i = 0; i < n; i++) {
            if (!sameAscii(args.get(i), jvmArgs[i])) {
                return null;
            }
        }
        return args;
    }

    /** Whether the raw bytes and the JVM's string agree wherever either has ASCII. */
    static boolean sameAscii(byte[] raw, String jvm) {
        StringBuilder a = new StringBuilder();
        for (byte b : raw) {
            if (b >= 0 && b != '?') {
                a.append((char) b);
            }
        }
        StringBuilder j = new StringBuilder();
        for (int i = 0; i < jvm.length(); i++) {
            char c = jvm.charAt(i);
            if (c < 0x80 && c != '?') {
                j.append(c);
            }
        }
        return a.toString().contentEquals(j);
    }

    /**
     * The process's environment: from {@code /proc/self/environ} decoded as UTF-8; a variable that is
     * not valid UTF-8 keeps the JVM's string. The JVM's environment where that file cannot be read or
     * does not match it.
     */
    public static Map<String, String> environment() {
        Map<String, String> jvm = System.getenv();
        try {
            return environment(Files.readAllBytes(ENVIRON), jvm);
        } catch (IOException | RuntimeException e) {
            return jvm;
        }
    }

    static Map<String, String> environment(byte[] environ, Map<String, String> jvm) {
        Map<String, String> env = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i > start) {
                    int eq = start;
                    while (eq < i && environ[eq] != '=') {
                        eq++;
                    }
                    String name = Utf8.decodeOrNull(environ, start, eq);
                    if (name != null && eq < i) {
                        String value = Utf8.decodeOrNull(environ, eq + 1, i);
                        if (value == null) {
                            value = jvm.get(name);
                        }
                        if (value != null) {
                            env.put(name, value);
                        }
                    }
                }
                start = i + 1;
            }
        }
        // the same names as the JVM sees (only those it could read): else this is not our environment
        Set<String> names = new HashSet<>();
        for (String k : jvm.keySet()) {
            if (k.chars().allMatch(c -> c < 0x80)) {
                names.add(k);
            }
        }
        Set<String> ours = new HashSet<>();
        for (String k : env.keySet()) {
            if (k.chars().allMatch(c -> c < 0x80)) {
                ours.add(k);
            }
        }
        return names.equals(ours) ? Collections.unmodifiableMap(env) : jvm;
    }

    /**
     * Whether the process was started with standard input closed ({@code <&-}). The JVM then reuses
     * descriptor 0 for a file it opens for itself (its {@code lib/modules}, the jar, a class
     * archive), which must never be read as input. Linux only; {@code false} where it cannot be told.
     */
    public static boolean stdinClosed() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return false;
        }
        String target;
        try {
            target = Files.readSymbolicLink(fd.resolve("0")).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            return true; // nothing at descriptor 0
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return jvmOwnFile(target);
    }

    /** Whether {@code target} (where descriptor 0 points) is a file the JVM opened for itself. */
    static boolean jvmOwnFile(String target) {
        if (!target.startsWith("/") || target.startsWith("/dev/") || target.startsWith("/proc/")) {
            return false; // a terminal, pipe, socket or device: given by the caller
        }
        if (target.endsWith(".jsa") || target.endsWith(".aot") || target.endsWith("/lib/modules")) {
            return true; // class archives and runtime images: no one's input
        }
        Path t = Path.of(target);
        if (under(t, System.getProperty("java.home"))) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && same(t, entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(Path t, String dir) {
        if (dir == null || dir.isEmpty()) {
            return false;
        }
        try {
            return t.startsWith(Path.of(dir).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean same(Path t, String file) {
        try {
            return t.equals(Path.of(file).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The charset the JVM read the arguments with. */
    static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String quote(String s) {
        return Text.goQuote(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The standard input of a process started with it closed: reading it fails. */
    public static final class ClosedStdin extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("standard input is closed");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("standard input is closed");
        }
    }
}
