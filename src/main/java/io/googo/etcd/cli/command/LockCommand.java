package io.googo.etcd.cli.command;

import io.googo.etcd.cli.ExitCodes;
import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.option.TtlConverter;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.key.ConcurrencyKeys;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.core.lock.DistributedLock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "lock",
        description = {
            "Acquires a named lock (etcd's own lock layout: excludes etcdctl lock too).",
            "Without COMMAND: prints the lock key and holds the lock until SIGINT/SIGTERM, then releases it.",
            "With COMMAND (after --): runs it holding the lock, with ETCD_LOCK_KEY and ETCD_LOCK_REV set,",
            "releases, and exits with its exit code. If the lock is lost meanwhile, the command is killed (exit 5)."
        })
public final class LockCommand extends BaseCommand {
    /** How long a command has to end after SIGINT/SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "NAME", description = "The lock name.")
    String name;

    @Parameters(
            index = "1..*",
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "A command to run holding the lock (put -- before it).")
    List<String> command;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = TtlConverter.class,
            defaultValue = "10s",
            description = "TTL of the session lease, whole seconds (default 10s): a holder that dies frees the lock"
                    + " after it.")
    Duration ttl;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = Converters.GoDuration.class,
            description = "Give up waiting after this long (exit 7).")
    Duration timeout;

    @Option(names = "--try", description = "Do not wait: exit 7 at once if the lock is held.")
    boolean tryOnly;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() throws InterruptedException {
        ConcurrencyKeys.lockPrefix(name);
        DistributedLock.checkTtl(ttl);
        if (tryOnly && timeout != null) {
            throw usage("--try and --timeout cannot be used together");
        }
        CompletableFuture<Void> stop = new CompletableFuture<>();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        AtomicReference<Process> child = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        try (Signals.Registration sig = Signals.onTerminate(
                        () -> {
                            stop.complete(null);
                            Thread w = waiter.get();
                            if (w != null) {
                                w.interrupt();
                            }
                            Process p = child.get();
                            if (p != null) {
                                LockedCommand.terminate(p);
                            }
                        },
                        overdue(held));
                DistributedLock lock = new DistributedLock(client(), name, ttl)) {
            acquire(lock, stop, waiter);
            held.set(true);
            if (stop.isDone()) {
                // the signal came as the lock was being taken: the same outcome as while waiting
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        "lock " + name + ": stopped by a signal while taking the lock; released at once");
            }
            if (command == null || command.isEmpty()) {
                return hold(lock, stop);
            }
            if (stop.isDone()) {
                throw new EtcdException(
                        ErrorKind.INTERRUPTED, "lock " + name + ": stopped by a signal before the command started");
            }
            printer().flush();
            return new LockedCommand(name, command, ctx().stdinClosed(), err()).run(lock, stop, child);
        }
    }

    /**
     * A signal ends {@code lock} with one code whatever the timing: 0 once the lock was held and
     * released (as etcdctl), 5 when it was stopped before the lock was taken; and 5 also when winding
     * down outlasts every deadline it has (then the lock frees when its lease expires).
     */
    private Signals.Overdue overdue(java.util.concurrent.atomic.AtomicBoolean held) {
        var c = client().config();
        Duration grace = c.dialTimeout()
                .plus(c.requestTimeout().multipliedBy(2))
                .plusSeconds(5)
                .plus(command == null || command.isEmpty() ? Duration.ZERO : STOP_GRACE);
        java.io.PrintWriter err = err();
        return new Signals.Overdue(grace, () -> ExitCodes.INTERRUPTED, () -> {
            err.println("Error: lock " + name + ": "
                    + (held.get()
                            ? "not released within " + Durations.format(grace) + " of the signal; it frees when its"
                                    + " lease expires (" + Durations.format(ttl) + ")"
                            : "stopped by a signal before the lock was taken"));
            err.flush();
        });
    }

    private void acquire(DistributedLock lock, CompletableFuture<Void> stop, AtomicReference<Thread> waiter) {
        boolean got;
        waiter.set(Thread.currentThread());
        try {
            if (tryOnly) {
                got = lock.tryLock();
            } else if (timeout != null) {
                got = lock.tryLock(timeout);
            } else {
                lock.lock();
                got = true;
            }
        } catch (EtcdException e) {
            if (stop.isDone()) {
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        "lock " + name + ": stopped by a signal while waiting; the lock was not taken",
                        e);
            }
            throw e;
        } finally {
            waiter.set(null);
            Thread.interrupted();
        }
        if (!got) {
            String who = lock.holder() == null ? "someone else" : lock.holder();
            throw new EtcdException(
                    ErrorKind.PRECONDITION,
                    "lock " + name + " is held by " + who
                            + (tryOnly
                                    ? " (--try: not waiting)"
                                    : "; gave up after " + Durations.format(timeout) + " (--timeout)"));
        }
    }

    /** No command: print the key like etcdctl (its get output) and hold until a signal or the lock is lost. */
    private int hold(DistributedLock lock, CompletableFuture<Void> stop) throws InterruptedException {
        Printer out = printer();
        client().get(
                        lock.key().getBytes(StandardCharsets.UTF_8),
                        GetOptions.DEFAULT,
                        out.get(new Printer.GetView(false, false, false)));
        out.flush();
        CompletableFuture<LeaseLost> lost = lock.lost();
        await(CompletableFuture.anyOf(stop, lost));
        if (stop.isDone()) {
            release(lock);
            return 0;
        }
        throw new EtcdException(
                ErrorKind.INTERRUPTED,
                "lock " + name + " lost: " + lost.getNow(null).message());
    }

    /** Releases after a signal, saying so when it cannot (etcdctl too fails on an unlock error). */
    private void release(DistributedLock lock) {
        try {
            lock.unlock();
        } catch (EtcdException e) {
            throw new EtcdException(
                    e.kind(),
                    "lock " + name + ": not released: " + e.getMessage() + "; it frees when its lease expires ("
                            + Durations.format(ttl) + ")",
                    e);
        }
    }

    static void await(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            // a failure completes the future too: the caller looks at which one it was
        }
    }
}
