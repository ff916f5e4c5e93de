package io.googo.etcd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the real {@code etcdctl} did: the command line, its exit code and its output.
 * Made by {@link EtcdProcess#etcdctl(String...)} and {@link EtcdCluster#etcdctl(String...)}.
 *
 * @param command  the full command line, binary first
 * @param exitCode the exit code; -1 when it was killed after the timeout
 * @param stdout   what it printed on standard output
 * @param stderr   what it printed on standard error (for a timeout, ends with a line saying so)
 * @param timedOut whether it was killed after the timeout
 */
public record EtcdctlResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    /** How long one etcdctl run may take before it is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public EtcdctlResult {
        command = List.copyOf(command);
    }

    /** Exit code 0. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** {@link #stdout()} without surrounding white space. */
    public String out() {
        return stdout.strip();
    }

    /** Returns this when the exit code is 0, else throws an AssertionError showing everything. */
    public EtcdctlResult assertOk() {
        if (!ok()) {
            throw new AssertionError("etcdctl failed: " + this);
        }
        return this;
    }

    /** Returns this when the exit code is not 0, else throws an AssertionError showing everything. */
    public EtcdctlResult assertFailed() {
        if (ok()) {
            throw new AssertionError("etcdctl unexpectedly succeeded: " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join(" ", command) + "\n  exit code: " + exitCode + (timedOut ? " (timed out)" : "")
                + "\n  stdout: " + KitSupport.tail(stdout, 4000).strip()
                + "\n  stderr: " + KitSupport.tail(stderr, 4000).strip();
    }

    /**
     * Runs {@code etcdctl args...} with ETCDCTL_API=3 and nothing else from the environment that etcdctl
     * reads; {@code stdin} (may be null) is its standard input.
     */
    public static EtcdctlResult run(List<String> args, String stdin, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(KitSupport.etcdctlBinary().toString());
        command.addAll(args);
        Path dir = null;
        Process p = null;
        try {
            dir = Files.createTempDirectory("etcd-testkit-etcdctl-");
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            Path in = dir.resolve("stdin");
            Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            KitSupport.cleanEnvironment(pb.environment());
            pb.environment().put("ETCDCTL_API", "3");
            p = pb.start();
            boolean timedOut = false;
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String stderr = KitSupport.readText(err);
            if (timedOut) {
                stderr += "\n[testkit] etcdctl killed after " + Await.format(timeout) + "\n";
            }
            return new EtcdctlResult(
                    command, timedOut ? -1 : p.exitValue(), KitSupport.readText(out), stderr, timedOut);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            KitSupport.deleteRecursively(dir);
        }
    }
}
