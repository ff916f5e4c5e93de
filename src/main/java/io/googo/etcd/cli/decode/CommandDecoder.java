package io.googo.etcd.cli.decode;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code --decoder CMD}: each value is written to the stdin of {@code sh -c CMD}, and what it
 * prints on stdout is shown instead. A run that fails (non-zero exit, or still running after the
 * deadline, when it is killed) is named with its key on stderr and the value is shown
 * unchanged; the command then ends with exit 1, after every value was printed. The key is
 * given to CMD in the environment as {@code GOOETCD_KEY} (when it is UTF-8).
 */
public final class CommandDecoder implements ValueDecoder {
    private final String command;
    private final PrintWriter err;
    private final Duration deadline;
    private int failures;

    public CommandDecoder(String command, PrintWriter err, Duration deadline) {
        this.command = command;
        this.err = err;
        this.deadline = deadline;
    }

    @Override
    public Shown decode(byte[] key, byte[] value) {
        String k = new String(key, StandardCharsets.UTF_8);
        try {
            byte[] out = run(k, value);
            return new Shown(out, null, null);
        } catch (DecoderFailed e) {
            failures++;
            err.println("Error: --decoder failed on key " + k + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }

    private byte[] run(String key, byte[] value) throws DecoderFailed {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
        pb.environment().put("GOOETCD_KEY", key);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DecoderFailed("cannot start sh: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<Void> in = CompletableFuture.runAsync(() -> {
                try (OutputStream o = p.getOutputStream()) {
                    o.write(value);
                } catch (IOException ignored) {
                    // CMD need not read all of its input
                }
            });
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DecoderFailed("still running after " + deadline.toSeconds() + " s; killed");
            }
            in.cancel(true);
            byte[] b = out.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (p.exitValue() != 0) {
                throw new DecoderFailed("exit code " + p.exitValue());
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecoderFailed("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DecoderFailed("its output could not be read");
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        if (failures > 0) {
            // exit 1, CLI.md's "any other failure": the values were read, CMD failed on some
            throw new EtcdException(
                    ErrorKind.SERVER,
                    "--decoder failed on " + failures + (failures == 1 ? " value" : " values") + " (named above)");
        }
    }

    private static final class DecoderFailed extends Exception {
        DecoderFailed(String message) {
            super(message);
        }
    }
}
