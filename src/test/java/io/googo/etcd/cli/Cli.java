package io.googo.etcd.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command test driver: runs {@code gooetcd ARGS} in-process against real etcd and returns
 * {@code {exitCode, out, err}}. The environment is hermetic: only what the test puts in it.
 */
public final class Cli {
    private final Map<String, String> env = new HashMap<>();
    private final List<String> globals = new ArrayList<>();
    private byte[] stdin = new byte[0];
    private boolean stderrTerminal;
    private Path home = Path.of(System.getProperty("java.io.tmpdir"), "gooetcd-test-home-nonexistent");

    /** The result of one run; {@link #toString()} shows all of it, for failure messages. */
    public record Result(int exitCode, String out, String err, byte[] outBytes) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** A driver whose every run talks to {@code endpoints} (added as {@code --endpoints}). */
    public static Cli at(String endpoints) {
        return new Cli().global("--endpoints", endpoints);
    }

    public static Cli bare() {
        return new Cli();
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Cli home(Path h) {
        home = h;
        return this;
    }

    /** Runs as if standard error were a terminal (progress lines). */
    public Cli stderrTerminal() {
        stderrTerminal = true;
        return this;
    }

    public Cli global(String... args) {
        globals.addAll(List.of(args));
        return this;
    }

    public Cli stdin(String s) {
        return stdin(s.getBytes(StandardCharsets.UTF_8));
    }

    public Cli stdin(byte[] b) {
        stdin = b.clone();
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true);
        StringWriter errText = new StringWriter();
        PrintWriter err = new PrintWriter(errText, true);
        CliContext ctx = new CliContext(
                Map.copyOf(env), home, new ByteArrayInputStream(stdin), outBytes, false, false, null, stderrTerminal);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(globals);
        int code = GooEtcd.run(ctx, out, err, all.toArray(new String[0]));
        out.flush();
        byte[] b = outBytes.toByteArray();
        return new Result(code, new String(b, StandardCharsets.UTF_8), errText.toString(), b);
    }
}
