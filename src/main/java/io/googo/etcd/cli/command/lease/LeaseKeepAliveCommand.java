package io.googo.etcd.cli.command.lease;

import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.lease.LeaseKeeper;
import io.googo.etcd.core.lease.LeaseLost;
import io.googo.etcd.core.lease.LeaseRenewal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "keep-alive",
        description = {
            "Keeps a lease alive, printing each renewal.",
            "Runs until SIGINT/SIGTERM (exit 0); when the lease expires or is revoked it says so and exits 5."
        })
public final class LeaseKeepAliveCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Converters.HexId.class, description = "Lease ID (hex).")
    long id;

    @Option(names = "--once", description = "Renew once and exit.")
    boolean once;

    @Override
    protected int execute() throws InterruptedException {
        if (once) {
            printer().leaseKeepAlive(client().keepAliveOnce(id));
            return 0;
        }
        Printer out = printer();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CompletableFuture<RuntimeException> failed = new CompletableFuture<>();
        LeaseKeeper.Listener listener = new LeaseKeeper.Listener() {
            @Override
            public void renewed(LeaseRenewal r) {
                try {
                    out.leaseKeepAlive(r);
                    out.flush();
                } catch (RuntimeException e) {
                    failed.complete(e);
                }
            }

            @Override
            public void lost(LeaseLost lost) {
                // reported by the main thread, through keeper.lost()
            }
        };
        try (Signals.Registration sig = Signals.onTerminate(() -> stop.complete(null));
                LeaseKeeper keeper = client().keepAlive(id, listener)) {
            CompletableFuture<LeaseLost> lost = keeper.lost();
            try {
                CompletableFuture.anyOf(stop, lost, failed).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (failed.isDone()) {
                throw failed.getNow(null);
            }
            if (stop.isDone()) {
                return 0;
            }
            throw new EtcdException(ErrorKind.INTERRUPTED, lost.getNow(null).message());
        }
    }
}
