package io.googo.etcd.cli.command;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.core.lock.DistributedLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lock NAME -- COMMAND ARGS...}: the command run while the lock is held, with
 * {@code ETCD_LOCK_KEY} and {@code ETCD_LOCK_REV} set. It is killed (with everything it started)
 * if the lock is lost, given {@link LockCommand#STOP_GRACE} after SIGINT/SIGTERM, and its exit
 * code is the lock command's. Taking and releasing the lock stay in {@link LockCommand}.
 */
final class LockedCommand {
    private final String name;
    private final List<String> command;
    private final boolean stdinClosed;
    private final PrintWriter err;

    /**
     * @param name the lock's name, for messages
     * @param stdinClosed our standard input is closed: the command gets an empty one
     */
    LockedCommand(String name, List<String> command, boolean stdinClosed, PrintWriter err) {
        this.name = name;
        this.command = command;
        this.stdinClosed = stdinClosed;
        this.err = err;
    }

    /** Runs the command holding the lock; kills it if the lock is lost; passes its exit code on. */
    int run(DistributedLock lock, CompletableFuture<Void> stop, AtomicReference<Process> child)
            throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        if (stdinClosed) {
            // our descriptor 0 may be a file of the JVM's own: the command gets an empty input instead
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        pb.environment().put("ETCD_LOCK_KEY", lock.key());
        pb.environment().put("ETCD_LOCK_REV", Long.toString(lock.revision()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String why = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            err.println("Error: cannot run '" + command.get(0) + "': " + why.replaceFirst("^error=\\d+, ", ""));
            err.flush();
            return why.contains("ermission denied") ? 126 : 127;
        }
        child.set(p);
        if (stdinClosed) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // the command is gone already
            }
        }
        if (stop.isDone()) {
            terminate(p);
        }
        CompletableFuture<LeaseLost> lost = lock.lost();
        CompletableFuture<Process> exited = p.onExit();
        long killAt = 0;
        while (p.isAlive()) {
            if (lost.isDone()) {
                kill(p.toHandle());
                p.waitFor(5, TimeUnit.SECONDS);
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        "lock " + name + " lost while '" + command.get(0) + "' ran, so it was killed: "
                                + lost.getNow(null).message());
            }
            if (stop.isDone()) {
                if (killAt == 0) {
                    killAt = System.nanoTime() + LockCommand.STOP_GRACE.toNanos();
                } else if (System.nanoTime() - killAt >= 0) {
                    kill(p.toHandle());
                    p.waitFor();
                    break;
                }
            }
            if (killAt == 0) {
                LockCommand.await(CompletableFuture.anyOf(exited, lost, stop));
            } else {
                try {
                    CompletableFuture.anyOf(exited, lost)
                            .get(Math.max(1, killAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // look again
                }
            }
        }
        int code = p.waitFor();
        if (lost.isDone() && !stop.isDone()) {
            err.println("Warning: lock " + name + " was lost as '" + command.get(0) + "' ended: "
                    + lost.getNow(null).message());
        }
        return code;
    }

    /** SIGTERM to the command and everything it started. */
    static void terminate(Process p) {
        List<ProcessHandle> started = p.descendants().toList();
        p.destroy();
        started.forEach(ProcessHandle::destroy);
    }

    /**
     * SIGKILL to the command and everything it started: it must not run on without the lock. The
     * command first: killed after its children, a shell would go on to its next line in between.
     */
    static void kill(ProcessHandle p) {
        List<ProcessHandle> started = p.descendants().toList();
        p.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }
}
