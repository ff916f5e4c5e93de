package io.googo.etcd.cli;

import io.googo.etcd.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a long-lived command ({@code watch}) in-process on its own thread, with output the test can
 * look at while it runs and a standard input it can write to, line by line.
 */
public final class LiveCli implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream() {
        @Override
        public synchronized void flush() {}
    };
    private final StringWriter err = new StringWriter();
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final CompletableFuture<Integer> exit;

    private LiveCli(Map<String, String> env, String... args) {
        InputStream in;
        try {
            in = new PipedInputStream(stdin, 1 << 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CliContext ctx = new CliContext(
                Map.copyOf(env),
                Path.of(System.getProperty("java.io.tmpdir"), "gooetcd-test-home-nonexistent"),
                in,
                out,
                false,
                false,
                null);
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(err, true);
        exit = CompletableFuture.supplyAsync(() -> GooEtcd.run(ctx, o, e, args), r -> {
            Thread t = new Thread(r, "live-cli");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Starts {@code gooetcd args...} with PATH in its environment. */
    public static LiveCli start(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return new LiveCli(env, args);
    }

    public String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The output so far as bytes (for a binary format). */
    public byte[] outBytes() {
        synchronized (out) {
            return out.toByteArray();
        }
    }

    public List<String> lines() {
        String s = out();
        return s.isEmpty() ? List.of() : List.of(s.split("\n", -1)).subList(0, s.split("\n", -1).length - 1);
    }

    public String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    /** Waits until the output so far satisfies {@code condition}. */
    public LiveCli awaitOut(Duration timeout, Predicate<String> condition, String what) {
        Await.until(timeout, () -> condition.test(out()) || exit.isDone() && condition.test(out()), what + "; " + this);
        return this;
    }

    public LiveCli writeLine(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public LiveCli closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        return this;
    }

    public boolean isDone() {
        return exit.isDone();
    }

    /** The exit code, waiting at most {@code timeout}. */
    public int exitCode(Duration timeout) {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the command did not end in " + timeout + ": " + this, e);
        }
    }

    @Override
    public void close() {
        closeStdin();
    }

    @Override
    public String toString() {
        String o = out();
        if (o.length() > 4000) {
            o = "…" + o.substring(o.length() - 4000);
        }
        return "done=" + exit.isDone() + (exit.isDone() ? " exit=" + exit.getNow(-1) : "") + "\n--- stdout ---\n" + o
                + "\n--- stderr ---\n" + err();
    }
}
