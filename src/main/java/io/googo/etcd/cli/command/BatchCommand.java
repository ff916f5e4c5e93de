package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "batch",
        description = {
            "Runs many commands in one process over one connection.",
            "One command per line of FILE or stdin, as on the command line without 'gooetcd'",
            "(put k v, get k --prefix -w json); shell quoting; lines starting with # are comments.",
            "Results print in order; the exit code is the first failure's, else 0."
        })
public final class BatchCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Commands (default: standard input).")
    Path file;

    @Option(names = "--stop-on-error", description = "Stop at the first command that fails.")
    boolean stopOnError;

    @Override
    protected List<OutputFormat> formats() {
        return WITH_YAML;
    }

    @Override
    protected int execute() throws IOException {
        runner.refuseNesting("batch");
        TextLines in;
        try {
            in = new TextLines(file == null ? stdin("the commands") : Files.newInputStream(file));
        } catch (IOException e) {
            throw EtcdException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (in) {
            return runner.runAll(in, file == null ? "stdin" : file.toString(), stopOnError);
        }
    }

    private final LineRunner runner = new LineRunner(this);
}
