package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.ProgressLine;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.bulk.BulkLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "load",
        description = {
            "Bulk put from NDJSON lines (the format dump writes).",
            "Each line: {\"key\":\"k\",\"value\":\"v\"} (or value_base64/key_base64; optional \"ttl\": seconds).",
            "A bad line stops the load before anything after it is written, and is named.",
            "On a terminal, stderr shows how many keys are written so far."
        })
public final class LoadCommand extends BaseCommand {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "NDJSON file (default: standard input).")
    Path file;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Puts per transaction (default 128, etcd's --max-txn-ops).")
    int batch = BulkLoader.DEFAULT_BATCH;

    @Option(names = "--concurrency", paramLabel = "N", description = "Transactions in flight (default 64).")
    int concurrency = BulkLoader.DEFAULT_CONCURRENCY;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() throws IOException {
        // the library's messages name no flag: the CLI names its own
        if (batch < 1) {
            throw EtcdException.invalid("--batch must be at least 1");
        }
        if (concurrency < 1) {
            throw EtcdException.invalid("--concurrency must be at least 1");
        }
        BulkLoader loader = new BulkLoader(client(), batch, concurrency);
        InputStream in;
        try {
            in = file == null ? stdin("the NDJSON lines") : Files.newInputStream(file);
        } catch (IOException e) {
            throw EtcdException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        ProgressLine progress =
                ctx().stderrTerminal() ? new ProgressLine(err(), n -> "Loading: " + n + " keys written") : null;
        BulkLoader.Summary s;
        try {
            s = loader.load(in, progress == null ? n -> {} : progress::update);
        } finally {
            if (progress != null) {
                progress.clear();
            }
            if (file != null) {
                in.close();
            }
        }
        printer().load(new Printer.LoadSummary(s.written(), s.leases(), s.took().toNanos() / 1e9, s.keysPerSecond()));
        if (s.failure() != null) {
            EtcdException f = s.failure();
            throw new EtcdException(f.kind(), f.getMessage() + " (" + s.written() + " keys before it were written)", f);
        }
        return 0;
    }
}
