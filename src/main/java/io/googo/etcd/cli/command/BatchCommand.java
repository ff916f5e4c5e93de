package io.googo.etcd.cli.command;

import io.googo.etcd.cli.GooEtcd;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", description = {"Runs many commands in one process over one connection.",
    "One command per line of FILE or stdin, as on the command line without 'gooetcd'",
    "(put k v, get k --prefix -w json); shell quoting; lines starting with # are comments.",
    "Results print in order; the exit code is the first failure's, else 0."})
public final class BatchCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Commands (default: standard input).")
    Path file;

    @Option(names = "--stop-on-error", description = "Stop at the first command that fails.")
    boolean stopOnError;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() throws IOException {
        if (root().inBatch()) {
            throw EtcdException.invalid("batch cannot run inside batch");
        }
        BufferedReader in;
        try {
            in = file == null ? new BufferedReader(new InputStreamReader(ctx().stdin(), StandardCharsets.UTF_8))
                    : Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw EtcdException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        int first = 0;
        try (in) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int code = runLine(n, t);
                if (code != 0 && first == 0) {
                    first = code;
                }
                if (code != 0 && stopOnError) {
                    break;
                }
            }
        }
        return first;
    }

    private CommandLine lines;

    /**
     * One line, through one command tree made for the whole batch (picocli resets every option
     * to its default before each parse), over the same output and the batch's client.
     */
    private int runLine(int n, String line) {
        List<String> words;
        try {
            words = LineArgs.split(line);
        } catch (EtcdException e) {
            err().println("Error: line " + n + ": " + e.getMessage());
            err().flush();
            return io.googo.etcd.cli.ExitCodes.of(e.kind());
        }
        if (lines == null) {
            RootCommand lineRoot = new RootCommand(ctx()).inheritFrom(root(), sharedClient);
            lines = GooEtcd.commandLine(lineRoot, spec.commandLine().getOut(), err());
        }
        int code = lines.execute(words.toArray(new String[0]));
        try {
            ctx().stdout().flush();
        } catch (IOException e) {
            throw EtcdException.io("cannot write to standard output: " + e.getMessage(), e);
        }
        return code;
    }

    /** The batch's one connection, made when the first line needs it and closed with the batch. */
    private final RootCommand.SharedClient sharedClient = new RootCommand.SharedClient() {
        @Override
        public EtcdClient get() {
            return client();
        }

        @Override
        public boolean is(EtcdClient c) {
            return c != null && c == peekClient();
        }
    };
}
