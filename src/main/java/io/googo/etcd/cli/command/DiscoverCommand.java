package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.option.ServiceName;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.ServiceKeys;
import io.googo.etcd.core.registry.ServiceChange;
import io.googo.etcd.core.registry.ServiceList;
import io.googo.etcd.core.registry.ServiceResolver;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "discover",
        description = {
            "Lists the live instances of SERVICE: address, metadata, lease, revision.",
            "They are registered in etcd's gRPC naming format under PREFIX/SERVICE/.",
            "With --watch, then prints add/remove changes as they happen, from the list's revision + 1, so none is",
            "missed; SIGINT/SIGTERM end it with exit 0. A value that does not parse is reported on stderr and skipped."
        })
public final class DiscoverCommand extends BaseCommand {
    private static final Duration WAIT = Duration.ofMillis(250);

    @Mixin
    ServiceName name;

    @Option(names = "--watch", description = "After the list, print add/remove changes until stopped.")
    boolean watch;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.TABLE);
    }

    @Override
    protected int execute() throws InterruptedException {
        ServiceResolver resolver = new ServiceResolver(lazyClient(), name.prefix(), name.service());
        if (watch && format() == OutputFormat.TABLE) {
            throw EtcdException.unsupported("'discover --watch' cannot print format 'table' (simple, json)");
        }
        PrintWriter err = err();
        ServiceList list = resolver.list();
        for (String bad : list.invalid()) {
            warn(err, bad);
        }
        Printer out = printer();
        out.serviceList(list);
        out.flush();
        if (!watch) {
            return 0;
        }
        try (ServiceResolver.ServiceWatch w = resolver.watch(list.revision(), bad -> warn(err, bad));
                Signals.Registration sig = Signals.onTerminate(w::close)) {
            while (true) {
                ServiceChange c = w.poll(WAIT);
                if (c == null) {
                    if (w.isClosed()) {
                        return 0;
                    }
                    continue;
                }
                out.serviceChange(c);
                out.flush();
            }
        }
    }

    private io.googo.etcd.core.client.EtcdClient lazyClient() {
        ServiceKeys.servicePrefix(name.prefix(), name.service()); // bad input fails before connecting
        return client();
    }

    private static void warn(PrintWriter err, String message) {
        synchronized (err) {
            err.println("Warning: " + message + " (skipped)");
            err.flush();
        }
    }
}
