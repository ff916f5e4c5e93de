package io.googo.etcd.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for commands that run until stopped ({@code watch}, {@code lock}, {@code elect},
 * {@code lease keep-alive}, {@code register}, {@code discover --watch}): such a command registers a stop action with {@link #onTerminate}; a signal runs
 * the actions, the command winds down and returns, and the process exits with the command's code
 * (0), not the JVM's 130/143. With no action registered a signal ends the process as the JVM would
 * (exit 128 + signal number, shutdown hooks run). A second signal, or a command that has not
 * finished {@value #GRACE_MS} ms after the first, halts the process at once.
 *
 * <p>Only {@link GooEtcd#main} installs the handlers; a command run in-process (tests, the library)
 * leaves the JVM's signals alone and {@link #onTerminate} just records the action.
 */
public final class Signals {
    static final long GRACE_MS = 5000;
    private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
    private static final List<Overdue> OVERDUE = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Signals() {}

    /** Installs the INT and TERM handlers; for the real process only. */
    static void install() {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), Signals::received);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available here (or reserved by the JVM): keep the default
            }
        }
    }

    /** A registration to close when the command no longer needs to be told. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code action} (on a signal thread) when SIGINT or SIGTERM arrives while registered. */
    public static Registration onTerminate(Runnable action) {
        ACTIONS.add(action);
        return () -> ACTIONS.remove(action);
    }

    /**
     * What a command wants when it has not ended {@code grace} after the first signal: {@code say}
     * runs (one {@code Error:} line), then the process halts with {@code code}'s value instead of
     * 128 + the signal's number, so that the exit code does not depend on how fast a busy machine
     * winds down. {@code grace} should cover the command's own deadlines for winding down.
     */
    public record Overdue(Duration grace, IntSupplier code, Runnable say) {}

    /** {@link #onTerminate(Runnable)}, with what to do when the command is {@link Overdue}. */
    public static Registration onTerminate(Runnable action, Overdue overdue) {
        ACTIONS.add(action);
        OVERDUE.add(overdue);
        return () -> {
            ACTIONS.remove(action);
            OVERDUE.remove(overdue);
        };
    }

    /**
     * For {@code shell}, whose terminal takes SIGINT: Ctrl-C while a command runs stops that
     * command, not the shell. A command that registered stop actions gets them run; one that did
     * not (a request in flight) has {@code command}, the thread running it, interrupted. A second
     * Ctrl-C within the same command halts the process, as in one-shot use.
     */
    public static void interruptCommand(Thread command) {
        if (ACTIONS.isEmpty()) {
            command.interrupt();
            return;
        }
        if (!STOPPING.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(130);
            return;
        }
        runActions();
    }

    /** For {@code shell}: the command ended; the next Ctrl-C is a first one again. */
    public static void commandEnded() {
        STOPPING.set(false);
    }

    private static void runActions() {
        for (Runnable r : ACTIONS) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // the others still run
            }
        }
    }

    private static void received(Signal s) {
        int code = 128 + s.getNumber();
        if (!STOPPING.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(code);
            return;
        }
        if (ACTIONS.isEmpty()) {
            System.exit(code);
            return;
        }
        List<Overdue> overdue = List.copyOf(OVERDUE);
        long grace = GRACE_MS;
        for (Overdue o : overdue) {
            grace = Math.max(grace, o.grace().toMillis());
        }
        long graceMs = grace;
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(graceMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(overdueCode(overdue, code));
                },
                "gooetcd-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        runActions();
    }

    /** The first overdue command's code (after it had its say), else {@code code}. */
    private static int overdueCode(List<Overdue> overdue, int code) {
        for (Overdue o : overdue) {
            try {
                o.say().run();
                return o.code().getAsInt();
            } catch (RuntimeException ignored) {
                // fall back to the signal's code
            }
        }
        return code;
    }
}
