package io.googo.etcd.cli.command;

import io.googo.etcd.cli.ExitCodes;
import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.option.TtlConverter;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.key.ConcurrencyKeys;
import io.googo.etcd.core.kv.GetOptions;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.core.lock.DistributedLock;
import io.googo.etcd.core.lock.LeaderElection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "elect",
        description = {
            "Campaigns for leadership of an election (etcd's election layout).",
            "Prints the leader's key and value once elected and leads until SIGINT/SIGTERM, then resigns.",
            "With -l/--listen: prints the leader each time it changes, without campaigning."
        })
public final class ElectCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The election name.")
    String name;

    @Parameters(
            index = "1",
            paramLabel = "PROPOSAL",
            arity = "0..1",
            description = "The value to lead with (needed unless --listen).")
    String proposal;

    @Option(
            names = {"-l", "--listen"},
            description = "Observe the election: print each new leader.")
    boolean listen;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = TtlConverter.class,
            defaultValue = "10s",
            description = "TTL of the session lease, whole seconds (default 10s).")
    Duration ttl;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() throws InterruptedException {
        if (!listen && proposal == null) {
            throw new ParameterException(spec.commandLine(), "Missing PROPOSAL: give one, or -l/--listen to observe");
        }
        if (listen && proposal != null) {
            throw new ParameterException(spec.commandLine(), "-l/--listen takes no PROPOSAL");
        }
        ConcurrencyKeys.electionPrefix(name);
        DistributedLock.checkTtl(ttl);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        AtomicBoolean leading = new AtomicBoolean();
        try (Signals.Registration sig = Signals.onTerminate(
                () -> {
                    stop.complete(null);
                    Thread w = waiter.get();
                    if (w != null) {
                        w.interrupt();
                    }
                },
                overdue(leading))) {
            return listen ? observe(stop, waiter) : campaign(stop, waiter, leading);
        }
    }

    private int observe(CompletableFuture<Void> stop, AtomicReference<Thread> waiter) {
        Printer out = printer();
        waiter.set(Thread.currentThread());
        try {
            LeaderElection.observe(client(), name, (header, kv) -> {
                RangeSink sink = out.get(new Printer.GetView(false, false, false));
                sink.begin(header, 1);
                sink.kv(kv);
                sink.end(1, false);
                out.flush();
            });
        } catch (EtcdException e) {
            if (!stop.isDone()) {
                throw e;
            }
        } finally {
            waiter.set(null);
            Thread.interrupted();
        }
        return 0;
    }

    /**
     * A signal ends {@code elect} with one code whatever the timing: 0 after leading and resigning,
     * or when listening (as etcdctl); 5 when stopped before it became the leader; and 5 also when
     * winding down outlasts every deadline it has (leadership then ends when its lease expires).
     */
    private Signals.Overdue overdue(AtomicBoolean leading) {
        var c = client().config();
        Duration grace =
                c.dialTimeout().plus(c.requestTimeout().multipliedBy(2)).plusSeconds(5);
        java.io.PrintWriter err = err();
        return new Signals.Overdue(grace, () -> listen ? ExitCodes.OK : ExitCodes.INTERRUPTED, () -> {
            if (!listen) {
                err.println("Error: elect " + name + ": "
                        + (leading.get()
                                ? "did not resign within " + Durations.format(grace) + " of the signal; leadership ends"
                                        + " when its lease expires (" + Durations.format(ttl) + ")"
                                : "stopped by a signal while campaigning; never became the leader"));
                err.flush();
            }
        });
    }

    private int campaign(CompletableFuture<Void> stop, AtomicReference<Thread> waiter, AtomicBoolean leading)
            throws InterruptedException {
        try (LeaderElection election = new LeaderElection(client(), name, ttl)) {
            waiter.set(Thread.currentThread());
            try {
                election.campaign(proposal.getBytes(StandardCharsets.UTF_8));
            } catch (EtcdException e) {
                if (stop.isDone()) {
                    throw new EtcdException(
                            ErrorKind.INTERRUPTED,
                            "elect " + name + ": stopped by a signal while campaigning; never became the leader",
                            e);
                }
                throw e;
            } finally {
                waiter.set(null);
                Thread.interrupted();
            }
            leading.set(true);
            if (stop.isDone()) {
                // the signal came as we became the leader: the same outcome as while campaigning
                throw new EtcdException(
                        ErrorKind.INTERRUPTED,
                        "elect " + name + ": stopped by a signal while campaigning; resigned at once");
            }
            Printer out = printer();
            client().get(
                            election.key().getBytes(StandardCharsets.UTF_8),
                            GetOptions.DEFAULT,
                            out.get(new Printer.GetView(false, false, false)));
            out.flush();
            CompletableFuture<LeaseLost> lost = election.lost();
            LockCommand.await(CompletableFuture.anyOf(stop, lost));
            if (stop.isDone()) {
                try {
                    election.resign();
                } catch (EtcdException e) {
                    throw new EtcdException(
                            e.kind(),
                            "elect " + name + ": did not resign: " + e.getMessage()
                                    + "; leadership ends when its lease expires (" + Durations.format(ttl) + ")",
                            e);
                }
                return 0;
            }
            throw new EtcdException(
                    ErrorKind.INTERRUPTED,
                    "elect " + name + ": no longer the leader: "
                            + lost.getNow(null).message());
        }
    }
}
