package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Signals;
import io.googo.etcd.core.config.ProfileResolver;
import io.googo.etcd.core.kv.KeyBrowser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code shell} on a terminal: JLine's line reader over the shell's {@link LineRunner}. */
final class InteractiveShell {
    static final String HISTFILE_ENV = "GOOETCD_HISTFILE";
    static final String HISTFILE = ".gooetcd_history";
    static final Pattern EXIT = Pattern.compile("(exit|quit)(\\s+\\d{1,3})?");
    /** Lines that carry a secret never reach the history file. */
    static final Pattern SECRET = Pattern.compile("(^|\\s)--(user|password)(=|\\s|$)");

    private final ShellCommand owner;
    private final LineRunner runner;

    InteractiveShell(ShellCommand owner, LineRunner runner) {
        this.owner = owner;
        this.runner = runner;
    }

    int run() throws IOException {
        Thread self = Thread.currentThread();
        AtomicReference<Terminal> terminal = new AtomicReference<>();
        try (Terminal t = TerminalBuilder.builder()
                .system(true)
                .name("gooetcd")
                // UTF-8 whatever the locale (JDK 17's default charset is ASCII under LANG=C): typed
                // keys are the bytes the terminal sends
                .encoding(StandardCharsets.UTF_8)
                // outside a prompt, Ctrl-C stops the running command (the prompt takes it itself)
                .signalHandler(s -> {
                    if (s == Terminal.Signal.INT) {
                        // past the terminal's ^C, as bash does, before the command says anything
                        Terminal term = terminal.get();
                        if (term != null) {
                            PrintWriter w = term.writer();
                            w.println();
                            w.flush();
                        }
                        Signals.interruptCommand(self);
                    }
                })
                .build()) {
            terminal.set(t);
            return loop(reader(t));
        }
    }

    private LineReader reader(Terminal terminal) {
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(true); // an open quote continues on the next line
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("gooetcd")
                .parser(parser)
                .completer(new ShellCompleter(runner.commandLine(), this::profiles, this::keys))
                .history(new SecretFreeHistory())
                .build();
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION); // '!' in a value is just '!'
        reader.setOpt(LineReader.Option.HISTORY_IGNORE_SPACE);
        Path file = historyFile();
        if (file != null) {
            reader.setVariable(LineReader.HISTORY_FILE, file);
        }
        return reader;
    }

    private int loop(LineReader reader) {
        String prompt = prompt();
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt drops the line, as in bash
            } catch (EndOfFileException e) {
                return 0;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (EXIT.matcher(t).matches()) {
                String[] w = t.split("\\s+");
                return w.length == 1 ? 0 : Integer.parseInt(w[1]) & 0xff;
            }
            if (t.equals("help")) {
                runner.commandLine().usage(owner.spec.commandLine().getOut());
                owner.spec.commandLine().getOut().flush();
                continue;
            }
            try {
                runner.run("", t);
            } finally {
                Signals.commandEnded();
                Thread.interrupted(); // a Ctrl-C that came as the command ended must not hit the next
            }
        }
    }

    /** {@code gooetcd[prod]> }, naming the profile the lines run against. */
    private String prompt() {
        try {
            RootCommand root = owner.root();
            return "gooetcd["
                    + ProfileResolver.resolve(
                                    root.profileFile(),
                                    root.overrides(),
                                    owner.ctx().env(),
                                    owner.ctx().home())
                            .profileName()
                    + "]> ";
        } catch (RuntimeException e) {
            return "gooetcd> "; // a bad profile file: the first command says why
        }
    }

    /**
     * Keys for completion, over the shell's client (connected now if no line has needed it yet),
     * except when connecting would stop to ask for a password in the middle of a TAB.
     */
    private List<String> keys(String typed) {
        if (owner.peekClient() == null) {
            RootCommand root = owner.root();
            if (ProfileResolver.resolve(
                            root.profileFile(),
                            root.overrides(),
                            owner.ctx().env(),
                            owner.ctx().home())
                    .passwordNeeded()) {
                return List.of();
            }
        }
        return new KeyBrowser(runner.client()).children(typed, ShellCompleter.MAX_KEYS);
    }

    private List<String> profiles() {
        return owner.root().profileFile().orBuiltin().names();
    }

    /**
     * {@code $GOOETCD_HISTFILE} or {@code ~/.gooetcd_history}, made readable by its owner only:
     * a new file is made 0600, an existing one that group or others may read is made 0600 before
     * anything is written to it (with a warning); when that cannot be done, no history is kept.
     */
    private Path historyFile() {
        String env = owner.ctx().env().get(HISTFILE_ENV);
        if (env != null && env.isEmpty()) {
            return null;
        }
        Path file = env != null ? Path.of(env) : owner.ctx().home().resolve(HISTFILE);
        return ownerOnly(file, owner.err());
    }

    /** {@code file} with mode 0600 (made so if needed), or {@code null} when it cannot be. */
    static Path ownerOnly(Path file, PrintWriter err) {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                return file;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!ownerOnly.containsAll(perms)) {
                Files.setPosixFilePermissions(file, ownerOnly);
                err.println("Warning: history file " + file + " could be read by group or others ("
                        + PosixFilePermissions.toString(perms) + "); made it rw------- (0600)");
                err.flush();
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here: JLine makes it, or says why it cannot
        } catch (IOException e) {
            err.println("Warning: history not kept: cannot make " + file + " readable by its owner only: "
                    + e.getMessage());
            err.flush();
            return null;
        }
        return file;
    }

    /** History that never keeps a line with {@code --user} or {@code --password}. */
    static final class SecretFreeHistory extends DefaultHistory {
        @Override
        public void add(Instant time, String line) {
            if (!SECRET.matcher(line).find()) {
                super.add(time, line);
            }
        }
    }
}
