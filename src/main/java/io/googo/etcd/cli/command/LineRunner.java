package io.googo.etcd.cli.command;

import io.googo.etcd.cli.ExitCodes;
import io.googo.etcd.cli.GooEtcd;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.key.Utf8;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs command lines for {@code batch} and {@code shell}: each line goes through a command tree
 * made once for the run (picocli resets every option to its default before each parse), with the
 * owner's global options as defaults, the same output, and the owner's one client, connected
 * when a line first needs it. As for a process's arguments (CommandTree), a line that certainly
 * invokes one command runs through a tree of that command only, made when a line first invokes
 * it (a whole tree costs ~240 ms of reflection); any other line through the whole tree. The
 * roots of these trees share their state (RootCommand#sharingStateWith), as one root would.
 */
final class LineRunner {
    private final BaseCommand owner;
    private CommandLine lines;
    /** Trees of one command each, by the command's name. */
    private final Map<String, CommandLine> trees = new HashMap<>();
    /** The first line root made: the others share its state. */
    private RootCommand firstRoot;

    LineRunner(BaseCommand owner) {
        this.owner = owner;
    }

    /** Refuses {@code command} (batch, shell) as a line of a batch or shell. */
    void refuseNesting(String command) {
        if (owner.root().inBatch()) {
            throw EtcdException.invalid(command + " cannot run inside batch or shell");
        }
    }

    /** The command tree every line runs through (for completion). */
    CommandLine commandLine() {
        if (lines == null) {
            lines = GooEtcd.commandLine(lineRoot(), owner.spec.commandLine().getOut(), owner.err());
        }
        return lines;
    }

    private RootCommand lineRoot() {
        RootCommand r = new RootCommand(owner.ctx()).inheritFrom(owner.root(), sharedClient);
        if (firstRoot == null) {
            firstRoot = r;
        } else {
            r.sharingStateWith(firstRoot);
        }
        return r;
    }

    /** The tree for one line's words: of the command they certainly invoke, else the whole tree. */
    private CommandLine treeFor(String[] words) {
        CommandLine any = lines != null
                ? lines
                : trees.isEmpty() ? null : trees.values().iterator().next();
        if (any == null) {
            CommandLine cl =
                    GooEtcd.lineCommandLine(lineRoot(), owner.spec.commandLine().getOut(), owner.err(), words);
            String only = GooEtcd.invokedCommand(cl, words);
            if (only == null) {
                lines = cl;
            } else {
                trees.put(only, cl);
            }
            return cl;
        }
        String only = GooEtcd.invokedCommand(any, words);
        if (only == null) {
            return commandLine();
        }
        CommandLine cl = trees.get(only);
        if (cl == null) {
            cl = GooEtcd.lineCommandLine(lineRoot(), owner.spec.commandLine().getOut(), owner.err(), words);
            trees.put(only, cl);
        }
        return cl;
    }

    /**
     * Runs one line; returns its exit code. Its errors are reported with {@code where}
     * ("stdin line 3: ") in front, in their one Error line.
     */
    int run(String where, String line) {
        List<String> words;
        try {
            words = LineArgs.split(line);
        } catch (EtcdException e) {
            owner.err().println("Error: " + where + e.getMessage());
            owner.err().flush();
            return ExitCodes.of(e.kind());
        }
        String[] args = words.toArray(new String[0]);
        CommandLine cl = treeFor(args);
        ((RootCommand) cl.getCommand()).linePrefix(where);
        int code = cl.execute(args);
        try {
            owner.ctx().stdout().flush();
        } catch (IOException e) {
            throw EtcdException.io("cannot write to standard output: " + e.getMessage(), e);
        }
        return code;
    }

    /**
     * Runs every line of {@code in}: blank lines and {@code #} comments are skipped. Returns the
     * first failure's exit code, else 0; with {@code stopOnError} stops at that failure. Errors
     * name {@code source} (a file name, or "stdin") and the line.
     */
    int runAll(TextLines in, String source, boolean stopOnError) throws IOException {
        int first = 0;
        while (true) {
            byte[] bytes = in.nextBytes();
            if (bytes == null) {
                break;
            }
            long n = in.number();
            String line = Utf8.decodeOrNull(bytes, 0, bytes.length);
            int code;
            if (line == null) {
                // never run a line read with U+FFFD for its bad bytes: that would be another key
                owner.err()
                        .println(
                                "Error: " + source + " line " + n + ": " + TextLines.notUtf8(bytes)
                                        + "; keys and values that are not UTF-8 can be given to load as key_base64/value_base64");
                owner.err().flush();
                code = ExitCodes.INVALID_INPUT;
            } else {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                code = run(source + " line " + n + ": ", t);
            }
            if (code != 0 && first == 0) {
                first = code;
            }
            if (code != 0 && stopOnError) {
                break;
            }
        }
        return first;
    }

    /** The owner's client, made on first use (key completion may be that first use). */
    EtcdClient client() {
        return owner.client();
    }

    private final RootCommand.SharedClient sharedClient = new RootCommand.SharedClient() {
        @Override
        public EtcdClient get() {
            return owner.client();
        }

        @Override
        public boolean is(EtcdClient c) {
            return c != null && c == owner.peekClient();
        }
    };
}
