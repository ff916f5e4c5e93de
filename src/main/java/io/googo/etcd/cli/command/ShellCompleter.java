package io.googo.etcd.cli.command;

import io.googo.etcd.cli.option.ProfileCandidates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * Tab completion for {@code shell}: commands, flags and flag values from the command model
 * (picocli's JLine completer), profile names where a profile is asked for, and keys from etcd
 * where a command takes a key, a segment at a time ({@code /services/} before
 * {@code /services/web/}). A completion that fails (etcd unreachable) offers nothing.
 */
final class ShellCompleter implements Completer {
    /** Positional parameters that are keys or key prefixes. */
    static final Set<String> KEY_LABELS = Set.of("KEY", "RANGE_END", "PREFIX");

    static final int MAX_KEYS = 100;

    private final CommandSpec root;
    private final PicocliJLineCompleter model;
    private final Supplier<List<String>> profiles;
    private final Function<String, List<String>> keys;

    /**
     * @param profiles the profile names, read at TAB time
     * @param keys     the entries under a typed prefix (see {@link io.googo.etcd.core.kv.KeyBrowser})
     */
    ShellCompleter(CommandLine tree, Supplier<List<String>> profiles, Function<String, List<String>> keys) {
        this.root = tree.getCommandSpec();
        this.model = new PicocliJLineCompleter(root);
        this.profiles = profiles;
        this.keys = keys;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<Candidate> fromModel = new ArrayList<>();
        model.complete(reader, line, fromModel);
        for (Candidate c : fromModel) {
            if (c.value().equals(ProfileCandidates.PLACEHOLDER)) {
                for (String p : quietly(profiles::get)) {
                    candidates.add(new Candidate(p));
                }
            } else if (!c.value().equals("shell") || line.wordIndex() > 0) {
                candidates.add(c);
            }
        }
        if (isKeyPosition(root, line.words(), line.wordIndex())) {
            String typed = line.word()
                    .substring(0, Math.min(line.wordCursor(), line.word().length()));
            for (String k : quietly(() -> keys.apply(typed))) {
                boolean dir = k.endsWith("/") && !k.equals(typed);
                candidates.add(new Candidate(k, k, "keys", null, null, null, !dir));
            }
        }
    }

    private static List<String> quietly(Supplier<List<String>> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return List.of(); // nothing to offer; the command itself will report the problem
        }
    }

    /**
     * True when word {@code index} of {@code words} is a key: a positional parameter labelled as
     * one, of the command the words before it name (global options may come first).
     */
    static boolean isKeyPosition(CommandSpec root, List<String> words, int index) {
        CommandSpec spec = root;
        int positional = 0;
        boolean optionsEnded = false;
        for (int i = 0; i < index; i++) {
            String w = words.get(i);
            if (!optionsEnded && w.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && w.startsWith("-") && w.length() > 1) {
                int eq = w.indexOf('=');
                OptionSpec o = spec.findOption(eq < 0 ? w : w.substring(0, eq));
                if (o != null && eq < 0 && o.arity().min() > 0) {
                    i++; // its value
                    if (i >= index) {
                        return false; // the word being completed is that value
                    }
                }
            } else if (positional == 0 && spec.subcommands().containsKey(w)) {
                spec = spec.subcommands().get(w).getCommandSpec();
            } else {
                positional++;
            }
        }
        String current = index < words.size() ? words.get(index) : "";
        if (spec == root || !optionsEnded && current.startsWith("-")) {
            return false;
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(positional)) {
                return KEY_LABELS.contains(p.paramLabel());
            }
        }
        return false;
    }
}
