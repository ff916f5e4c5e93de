package io.googo.etcd.cli;

import io.googo.etcd.cli.command.RootCommand;
import io.googo.etcd.cli.output.StdoutClosedException;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.ClassWarmup;
import io.googo.etcd.core.client.EtcdClient;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code gooetcd}'s entry point and the one place where failures become an {@code Error:} line
 * and an exit code (CLI.md): an {@link EtcdException} by its kind, a usage error 128, anything
 * else 1. Stack traces only with {@code --debug}.
 */
public final class GooEtcd {
    /** How {@code --help} groups the commands, as etcdctl's help does. */
    static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Key-value commands", List.of("put", "get", "del", "txn", "load", "dump"));
        GROUPS.put("Watch commands", List.of("watch"));
        GROUPS.put("Lease commands", List.of("lease"));
        GROUPS.put("Concurrency commands", List.of("lock", "elect"));
        GROUPS.put("Service commands", List.of("register", "discover"));
        GROUPS.put("Cluster commands", List.of("member", "endpoint", "move-leader", "alarm"));
        GROUPS.put("Auth commands", List.of("auth", "user", "role"));
        GROUPS.put("Maintenance commands", List.of("compaction", "defrag", "snapshot", "make-mirror"));
        GROUPS.put("Utility commands", List.of("batch", "shell", "config", "completion", "version"));
    }

    private GooEtcd() {}

    public static void main(String[] args) {
        leanStart();
        OutputStream stdout = new StdoutClosedException.Guard(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        String[] argv;
        try {
            argv = ProcessInput.arguments(args);
        } catch (EtcdException e) {
            err.println("Error: " + oneLine(e.getMessage()));
            err.flush();
            System.exit(ExitCodes.of(e.kind()));
            return;
        }
        Signals.install();
        if (warmUp(argv)) {
            // the libraries read their logging set-up when their classes initialise: set it first
            Logging.configure(false);
            ClassWarmup.start();
        }
        // the register sidecar parses with classes it then drops (Sidecar)
        int code = Sidecar.wanted(argv)
                ? Sidecar.run(argv, stdout, out, err)
                : run(CliContext.system(stdout), out, err, argv);
        ClassWarmup.finish(); // (a command that made no client) nothing left running at exit
        out.flush();
        try {
            stdout.flush();
        } catch (IOException ignored) {
            // stdout closed by the reader (e.g. `| head`): nothing to do
        }
        err.flush();
        // the commands have closed their clients: stop the shared event loop too, or the JVM's
        // exit waits ~300 ms for its thread (idle in native code)
        EtcdClient.stopSharedEventLoop();
        ExitCheck.report(err);
        System.exit(code);
    }

    /** Runs one command line in this process; returns the exit code. */
    public static int run(CliContext ctx, PrintWriter out, PrintWriter err, String... args) {
        Logging.configure(List.of(args).contains("--debug"));
        CommandLine cl = commandLine(new RootCommand(ctx), out, err, args);
        return cl.execute(args);
    }

    /** The configured command line, for {@link #run} and for tools (completion, man pages). */
    public static CommandLine commandLine(CliContext ctx, PrintWriter out, PrintWriter err) {
        return commandLine(new RootCommand(ctx), out, err);
    }

    /** The command line over a root made by the caller ({@code batch} makes one per line). */
    public static CommandLine commandLine(RootCommand root, PrintWriter out, PrintWriter err) {
        return commandLine(root, out, err, null);
    }

    /**
     * The command line for running {@code args}: only the command they invoke, when that is
     * certain (see {@link CommandTree}); every command when {@code args} is {@code null}.
     */
    static CommandLine commandLine(RootCommand root, PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = CommandTree.build(root, args);
        cl.setOut(out);
        cl.setErr(err);
        // Path.of's InvalidPathException stays the cause, for a clear error (see unspellablePath)
        cl.registerConverter(java.nio.file.Path.class, java.nio.file.Path::of);
        cl.setParameterExceptionHandler(GooEtcd::usageError);
        cl.setExecutionExceptionHandler((ex, line, parse) -> ex instanceof ParameterException pe
                ? usageError(pe, parse.originalArgs().toArray(new String[0]))
                : failure(ex, line, root.output.debug));
        cl.setExitCodeExceptionMapper(ex -> ex instanceof EtcdException e ? ExitCodes.of(e.kind()) : ExitCodes.ERROR);
        cl.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, GooEtcd::groupedCommands);
        GlobalOptionsHelp.install(cl);
        cl.setUsageHelpWidth(100);
        // cobra's prefix matching, which etcdctl enables: `compact` runs `compaction`, `mem list` `member list`
        cl.setAbbreviatedSubcommandsAllowed(true);
        return cl;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        InvalidPathException badPath = cause(ex, InvalidPathException.class);
        if (badPath != null) {
            return unspellablePath(badPath, err, List.of(args).contains("--debug") ? ex : null);
        }
        String where = linePrefix(cl);
        if (!where.isEmpty()) {
            // a batch or piped shell line: one Error line naming the line, hints worded for lines
            err.println("Error: " + where + oneLine(ex.getMessage()) + lineSuggestions(ex));
        } else {
            err.println("Error: " + oneLine(ex.getMessage()));
            if (!printSuggestions(ex, err)) {
                err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
        }
        if (List.of(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception ex, CommandLine cl, boolean debug) {
        return failure(ex, cl.getErr(), linePrefix(cl), fallbackNote(cl), debug);
    }

    /**
     * A command's failure, told: one {@code Error:} line on {@code err} ({@code prefix} first, and
     * {@code connectionNote} after a connection error's message), the stack trace too with
     * {@code debug}; returns the exit code. Also the handed-over sidecar's ({@link Sidecar}).
     */
    static int failure(Exception ex, PrintWriter err, String prefix, String connectionNote, boolean debug) {
        if (StdoutClosedException.isStdoutClosed(ex)) {
            return StdoutClosedException.EXIT_CODE;
        }
        InvalidPathException badPath = cause(ex, InvalidPathException.class);
        if (badPath != null) {
            return unspellablePath(badPath, err, debug ? ex : null);
        }
        String message = ex instanceof EtcdException e
                ? e.getMessage() + (e.kind() == ErrorKind.CONNECTION ? connectionNote : "")
                : ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        err.println("Error: " + prefix + oneLine(message));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof EtcdException e ? ExitCodes.of(e.kind()) : ExitCodes.ERROR;
    }

    /**
     * A file name the JVM cannot turn into bytes: it spells file names in the locale's charset
     * ({@code sun.jnu.encoding}), ASCII under {@code LANG=C} or no {@code LANG}, whatever our own
     * reading of the arguments. Exit 6: the file cannot be opened here.
     */
    private static int unspellablePath(InvalidPathException e, PrintWriter err, Exception debug) {
        String name = io.googo.etcd.cli.output.Text.goQuote(e.getInput().getBytes(StandardCharsets.UTF_8));
        java.nio.charset.Charset jnu = ProcessInput.jnuCharset();
        err.println(
                jnu.newEncoder().canEncode(e.getInput())
                        ? "Error: cannot open the file " + name + ": " + e.getReason()
                        : "Error: cannot open the file " + name + ": this locale's charset (" + jnu.name()
                                + ") cannot spell its name; run gooetcd in a UTF-8 locale (e.g. LC_ALL=C.UTF-8)"
                                + " or give the file another name");
        if (debug != null) {
            debug.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.IO;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** For a connection error with nothing configured: that the built-in profile was tried. */
    private static String fallbackNote(CommandLine cl) {
        return cl.getCommandSpec().root().userObject() instanceof RootCommand r ? r.fallbackNote() : "";
    }

    /** The running batch or shell line's {@link RootCommand#linePrefix()}, or empty. */
    private static String linePrefix(CommandLine cl) {
        return cl.getCommandSpec().root().userObject() instanceof RootCommand r ? r.linePrefix() : "";
    }

    /** picocli's "Did you mean" line, with {@link CommandSuggestions}' commands; false when there is none. */
    private static boolean printSuggestions(ParameterException ex, PrintWriter err) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.isUnknownOption()) {
            return UnmatchedArgumentException.printSuggestions(ex, err);
        }
        List<String> suggestions = CommandSuggestions.of(ex);
        if (suggestions.isEmpty()) {
            return false;
        }
        String command = u.getCommandLine().getCommandSpec().name() + " ";
        err.println("Did you mean: "
                + String.join(" or ", suggestions.stream().map(w -> command + w).toList()) + "?");
        return true;
    }

    /** picocli's suggestions as a batch line would write them: commands without "gooetcd". */
    private static String lineSuggestions(ParameterException ex) {
        List<String> suggestions = CommandSuggestions.of(ex);
        if (!(ex instanceof UnmatchedArgumentException u) || suggestions.isEmpty()) {
            return "";
        }
        String root = ex.getCommandLine().getCommandSpec().root().name() + " ";
        List<String> words = suggestions.stream()
                .map(w -> w.startsWith(root) ? w.substring(root.length()) : w)
                .toList();
        return u.isUnknownOption()
                ? "; possible options: " + String.join(", ", words)
                : "; did you mean " + String.join(" or ", words) + "?";
    }

    /**
     * Start-up settings for a process of its own (not for the library, nor tests in-process), made
     * before any Netty class loads, so that they hold for `java -jar` as for the launcher: Netty's
     * pooled allocator would load the JFR framework (~80 classes) to emit events nobody records.
     * A -D on the command line still wins.
     */
    private static void leanStart() {
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
    }

    /** Global options that take a value as the next word (as the launcher reads them). */
    private static final Set<String> VALUED = Set.of(
            "-c",
            "--cluster",
            "--config",
            "--endpoints",
            "--user",
            "--password",
            "--password-file",
            "--cacert",
            "--cert",
            "--key",
            "--dial-timeout",
            "--command-timeout",
            "-w",
            "--write-out");

    /**
     * The command a command line names, as the launcher reads it: its first word that is neither an
     * option nor a global option's value, or null. A guess (picocli decides), good enough to choose
     * how to start ({@link #warmUp}, {@link Sidecar#wanted}): a wrong guess costs time or memory, not
     * behaviour.
     */
    static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUED.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /**
     * Whether to warm the request's classes up on a second thread while this one parses (see
     * {@link ClassWarmup}): for a one-shot get, put, del or txn ({@link #commandWord}); not for
     * {@code --help}, nor with {@code --debug} (which sets up Netty's logging later);
     * {@code -Dgooetcd.warmup=off} turns it off.
     */
    static boolean warmUp(String[] args) {
        if ("off".equals(System.getProperty("gooetcd.warmup"))) {
            return false;
        }
        List<String> words = List.of(args);
        if (words.contains("--debug") || words.contains("--help") || words.contains("-h")) {
            return false;
        }
        String cmd = commandWord(args);
        return cmd != null
                && switch (cmd) {
                    case "get", "put", "del", "txn" -> true;
                    default -> false;
                };
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    private static String groupedCommands(Help help) {
        CommandSpec spec = help.commandSpec();
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        if (spec.parent() != null) {
            return help.commandList();
        }
        StringBuilder sb = new StringBuilder();
        int width = subs.keySet().stream().mapToInt(String::length).max().orElse(10) + 4;
        for (var group : GROUPS.entrySet()) {
            StringBuilder rows = new StringBuilder();
            for (String name : group.getValue()) {
                Help sub = subs.get(name);
                if (sub != null) {
                    String[] desc = sub.commandSpec().usageMessage().description();
                    String first = desc.length == 0 ? "" : desc[0];
                    rows.append("  ")
                            .append(String.format("%-" + width + "s", name))
                            .append(first)
                            .append('\n');
                }
            }
            if (rows.length() > 0) {
                sb.append('\n').append(group.getKey()).append(":\n").append(rows);
            }
        }
        return sb.toString();
    }

    /**
     * For {@code batch} and {@code shell} lines: the tree for one line's words, built as for a
     * process's arguments (only the command they invoke when that is certain, see CommandTree).
     */
    public static CommandLine lineCommandLine(RootCommand root, PrintWriter out, PrintWriter err, String[] words) {
        return commandLine(root, out, err, words);
    }

    /** The command {@code words} certainly invoke (their tree has that command only), or {@code null}. */
    public static String invokedCommand(CommandLine any, String[] words) {
        return CommandTree.invoked(any.getCommandSpec(), words);
    }
}
