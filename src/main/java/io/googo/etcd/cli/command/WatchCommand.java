package io.googo.etcd.cli.command;

import io.googo.etcd.cli.ExitCodes;
import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.decode.Decoding;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.option.DecodeOptions;
import io.googo.etcd.cli.option.KeyRange;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.RangeFlags;
import io.googo.etcd.core.key.Utf8;
import io.googo.etcd.core.watch.WatchEvent;
import io.googo.etcd.core.watch.WatchOptions;
import io.googo.etcd.core.watch.Watcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "watch",
        customSynopsis = {
            "gooetcd watch [OPTIONS] KEY [RANGE_END] [-- COMMAND ARGS...]",
            "       gooetcd watch -i [OPTIONS]"
        },
        description = {
            "Watches a key or range and prints every change as it happens.",
            "The watch survives lost connections and leader changes: it resumes from the last revision it",
            "printed plus one, so no event is lost or printed twice. With '-- COMMAND ARGS...' the command runs",
            "once per event, in order, with ETCD_WATCH_EVENT_TYPE, ETCD_WATCH_KEY, ETCD_WATCH_VALUE and",
            "ETCD_WATCH_REVISION set (put global options before the '--'). SIGINT/SIGTERM end it with exit 0;",
            "a compacted start revision exits 5."
        })
public final class WatchCommand extends BaseCommand {
    private static final Duration WAIT = Duration.ofMillis(250);

    @Parameters(
            paramLabel = "KEY",
            arity = "0..*",
            description = "KEY [RANGE_END] [-- COMMAND ARGS...]: the key or the start of the range [KEY, RANGE_END).")
    List<String> params = new ArrayList<>();

    @Option(names = RangeFlags.PREFIX, description = "Watch every key that starts with KEY.")
    boolean prefix;

    @Option(
            names = "--rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Start at revision N (0: changes from now on); past changes are replayed.")
    long rev;

    @Option(names = "--prev-kv", description = "Print each change's previous key-value pair.")
    boolean prevKv;

    @Option(names = "--progress-notify", description = "Print the server's periodic progress notifications.")
    boolean progressNotify;

    @Option(names = "--no-put", description = "Leave out PUT events.")
    boolean noPut;

    @Option(names = "--no-delete", description = "Leave out DELETE events.")
    boolean noDelete;

    @Option(
            names = "--max-events",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Exit 0 after N events (0: no limit).")
    long maxEvents;

    @Option(
            names = {"-i", "--interactive"},
            description =
                    "Read 'watch [options] KEY [RANGE_END] [-- COMMAND ARGS...]' and 'progress' lines from stdin.")
    boolean interactive;

    @Mixin
    DecodeOptions decode = new DecodeOptions();

    private final Object printLock = new Object();
    private AtomicLong remaining;
    private Decoding decoding;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.PROTOBUF);
    }

    private io.googo.etcd.cli.output.Printer protobuf;
    private boolean formatChecked;

    /** {@code -w protobuf}: etcdctl's WatchResponse messages ({@link WatchProtobuf}); values never decoded. */
    @Override
    protected io.googo.etcd.cli.output.Printer printer() {
        if (!formatChecked) {
            if (format() == OutputFormat.PROTOBUF) {
                protobuf = WatchProtobuf.printer(this::client, ctx().stdout());
            }
            formatChecked = true;
        }
        return protobuf != null ? protobuf : super.printer();
    }

    @Override
    protected int execute() throws Exception {
        decoding = printer() == protobuf ? Decoding.of(null, protobuf) : decode.open(printer(), err(), profileDecode());
        remaining = new AtomicLong(maxEvents == 0 ? Long.MAX_VALUE : maxEvents);
        List<String> command = commandAfterSeparator();
        List<String> positional = params.subList(0, params.size() - command.size());
        if (!interactive) {
            try {
                positional = WatchEnvKeys.apply(ctx().env(), positional);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (interactive) {
            if (!params.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "with -i, give the keys to watch on standard input: watch KEY [RANGE_END] [-- COMMAND ARGS...]");
            }
            return interactive();
        }
        if (positional.isEmpty() || positional.size() > 2) {
            throw new ParameterException(
                    spec.commandLine(),
                    positional.isEmpty()
                            ? "Missing required parameter: KEY"
                            : "too many arguments: " + positional
                                    + "; usage: watch KEY [RANGE_END] [-- COMMAND ARGS...]");
        }
        if (positional.size() > 1 && prefix) {
            throw usage("RANGE_END and --prefix cannot be used together");
        }
        Session s = new Session(positional, options(prefix, rev, prevKv, progressNotify, noPut, noDelete), command);
        try (Signals.Registration r = Signals.onTerminate(s::stop)) {
            s.run();
        }
        decoding.finish();
        return 0;
    }

    /** What follows the first {@code --} on the command line: the command to run per event. */
    private List<String> commandAfterSeparator() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int sep = original.indexOf("--");
        if (sep < 0) {
            return List.of();
        }
        List<String> tail = original.subList(sep + 1, original.size());
        if (tail.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no command after '--'");
        }
        if (tail.size() > params.size()
                || !params.subList(params.size() - tail.size(), params.size()).equals(tail)) {
            throw new ParameterException(spec.commandLine(), "cannot tell the command after '--' from the arguments");
        }
        return List.copyOf(tail);
    }

    private static WatchOptions.Builder options(
            boolean prefix, long rev, boolean prevKv, boolean progressNotify, boolean noPut, boolean noDelete) {
        return WatchOptions.builder()
                .prefix(prefix)
                .startRevision(rev)
                .prevKv(prevKv)
                .progressNotify(progressNotify)
                .noPut(noPut)
                .noDelete(noDelete);
    }

    // ---- one watch -------------------------------------------------------------------------

    /** One watcher, printing its events and running the command for each, on one thread. */
    private final class Session {
        private final Watcher watcher;
        private final List<String> command;
        private final String name;
        private final EventCommandRunner runner;
        private volatile boolean stopped;

        Session(List<String> positional, WatchOptions.Builder o, List<String> command) {
            if (positional.size() > 1) {
                if (o.build().prefix()) {
                    throw EtcdException.invalid("RANGE_END and --prefix cannot be used together");
                }
                o.rangeEnd(positional.get(1).getBytes(StandardCharsets.UTF_8));
            }
            byte[] key = KeyRange.keyBytes(positional.get(0), o.build().prefix());
            this.watcher = client().watcher(key, o.build());
            this.command = command;
            this.runner = new EventCommandRunner(
                    command, ctx().env(), ctx().stdout(), err(), printLock, WatchCommand.this::warn, this::flush);
            this.name = String.join(" ", positional);
        }

        void stop() {
            stopped = true;
            watcher.close();
            runner.stop();
        }

        /** Until stopped, the event limit, or a failure (thrown). */
        void run() throws InterruptedException {
            try {
                watcher.start();
                while (!stopped) {
                    WatchEvent ev = watcher.poll(Duration.ZERO);
                    if (ev == null) {
                        flush();
                        ev = watcher.poll(WAIT);
                        if (ev == null) {
                            if (watcher.isClosed()) {
                                return;
                            }
                            continue;
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    if (!ev.isProgress() && remaining.getAndDecrement() <= 0) {
                        return; // another session reached the limit
                    }
                    synchronized (printLock) {
                        printer().watchEvent(decoding.event(ev));
                        if (!command.isEmpty() && !ev.isProgress()) {
                            printer().flush();
                        }
                    }
                    if (!command.isEmpty() && !ev.isProgress()) {
                        runner.run(ev);
                    }
                    if (!ev.isProgress() && remaining.get() <= 0) {
                        return;
                    }
                }
            } finally {
                watcher.close();
                flush();
            }
        }

        private void flush() {
            synchronized (printLock) {
                printer().flush();
            }
        }
    }

    /** A warning line on stderr, between the watch's and the commands' output. */
    private void warn(String message) {
        synchronized (printLock) {
            err().println("Warning: " + message);
            err().flush();
        }
    }

    // ---- interactive -----------------------------------------------------------------------

    /** The flags a {@code watch} line of {@code -i} takes; the command line's flags are the defaults. */
    @Command(name = "watch")
    static final class Line {
        @Parameters(arity = "0..*")
        List<String> args = new ArrayList<>();

        @Option(names = RangeFlags.PREFIX)
        boolean prefix;

        @Option(names = "--rev", converter = Converters.NonNegative.class)
        Long rev;

        @Option(names = "--prev-kv")
        boolean prevKv;

        @Option(names = "--progress-notify")
        boolean progressNotify;

        @Option(names = "--no-put")
        boolean noPut;

        @Option(names = "--no-delete")
        boolean noDelete;
    }

    private int interactive() throws InterruptedException {
        LinkedBlockingQueue<java.util.Optional<String>> lines = new LinkedBlockingQueue<>();
        InputStream stdin = stdin("the watch commands");
        Thread reader = new Thread(
                () -> {
                    try (TextLines r = new TextLines(stdin)) {
                        byte[] b;
                        while ((b = r.nextBytes()) != null) {
                            String l = Utf8.decodeOrNull(b, 0, b.length);
                            if (l == null) {
                                warn("invalid command: line " + r.number() + ": " + TextLines.notUtf8(b));
                            } else {
                                lines.add(java.util.Optional.of(l));
                            }
                        }
                    } catch (IOException e) {
                        warn("cannot read standard input: " + e.getMessage());
                    } finally {
                        lines.add(java.util.Optional.empty());
                    }
                },
                "gooetcd-watch-stdin");
        reader.setDaemon(true);
        reader.start();

        List<Session> sessions = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<EtcdException> failures = new CopyOnWriteArrayList<>();
        boolean[] stopping = {false};
        Object stopLock = new Object();
        boolean input = true;
        try (Signals.Registration reg = Signals.onTerminate(() -> {
            synchronized (stopLock) {
                stopping[0] = true;
            }
            sessions.forEach(Session::stop);
        })) {
            while (true) {
                synchronized (stopLock) {
                    if (stopping[0]) {
                        break;
                    }
                }
                if (remaining.get() <= 0) {
                    break;
                }
                if (!input && threads.stream().noneMatch(Thread::isAlive)) {
                    break;
                }
                java.util.Optional<String> l = input ? lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) : null;
                if (l == null) {
                    if (!input) {
                        Thread.sleep(WAIT.toMillis() / 5);
                    }
                    continue;
                }
                if (l.isEmpty()) {
                    input = false;
                    continue;
                }
                Session s = line(l.get(), sessions);
                if (s != null) {
                    Thread t = new Thread(
                            () -> {
                                try {
                                    s.run();
                                } catch (EtcdException e) {
                                    failures.add(e);
                                    synchronized (printLock) {
                                        err().println("Error: " + e.getMessage());
                                        err().flush();
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "gooetcd-watch-" + s.name);
                    t.setDaemon(true);
                    sessions.add(s);
                    threads.add(t);
                    t.start();
                }
            }
        } finally {
            sessions.forEach(Session::stop);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        return failures.isEmpty() ? 0 : ExitCodes.of(failures.get(0).kind());
    }

    /** Handles one line of {@code -i}; returns a new session for a {@code watch} line. */
    private Session line(String l, List<Session> sessions) {
        List<String> words;
        try {
            words = LineArgs.split(l);
        } catch (EtcdException e) {
            warn("invalid command: " + e.getMessage());
            return null;
        }
        if (words.isEmpty()) {
            warn("invalid command '" + l + "' (watch and progress are supported)");
            return null;
        }
        if (words.get(0).equals("progress") && words.size() == 1) {
            sessions.forEach(s -> s.watcher.requestProgress());
            return null;
        }
        if (!words.get(0).equals("watch")) {
            warn("invalid command '" + l + "' (watch and progress are supported)");
            return null;
        }
        int sep = words.indexOf("--");
        List<String> flags = words.subList(1, sep < 0 ? words.size() : sep);
        List<String> command = sep < 0 ? List.of() : words.subList(sep + 1, words.size());
        if (sep >= 0 && command.isEmpty()) {
            warn("invalid command '" + l + "' (no command after '--')");
            return null;
        }
        Line o = new Line();
        try {
            new CommandLine(o).parseArgs(flags.toArray(new String[0]));
        } catch (ParameterException e) {
            warn("invalid command '" + l + "' (" + e.getMessage() + ")");
            return null;
        }
        if (o.args.isEmpty() || o.args.size() > 2) {
            warn("invalid command '" + l + "' (usage: watch [options] KEY [RANGE_END] [-- COMMAND ARGS...])");
            return null;
        }
        try {
            // the progress of every watch is shown, so that a 'progress' line has an answer
            return new Session(
                    o.args,
                    options(
                            prefix || o.prefix,
                            o.rev != null ? o.rev : rev,
                            prevKv || o.prevKv,
                            true,
                            noPut || o.noPut,
                            noDelete || o.noDelete),
                    List.copyOf(command));
        } catch (EtcdException e) {
            warn("invalid command '" + l + "' (" + e.getMessage() + ")");
            return null;
        }
    }
}
