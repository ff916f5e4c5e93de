package io.googo.etcd.cli;

import io.googo.etcd.core.config.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * "Did you mean" for a mistyped command, as etcdctl (cobra) does it: the visible subcommands
 * within an edit distance of 2, or that start with what was typed. picocli's own guess compares
 * letter pairs, so for {@code gte} it offers {@code register} (which shares "te") and not
 * {@code get}. Unknown options keep picocli's suggestions.
 */
final class CommandSuggestions {
    private static final int MAX_DISTANCE = 2;
    private static final int MAX_SUGGESTIONS = 3;

    private CommandSuggestions() {}

    /**
     * The suggestions for {@code ex}: for an unknown command the similar command names (without
     * the root's name), else picocli's, unchanged.
     */
    static List<String> of(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u)) {
            return List.of();
        }
        Map<String, CommandLine> subcommands = u.getCommandLine().getSubcommands();
        if (u.isUnknownOption() || subcommands.isEmpty() || u.getUnmatched().isEmpty()) {
            return u.getSuggestions();
        }
        List<String> visible = subcommands.entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey)
                .toList();
        return similar(u.getUnmatched().get(0), visible);
    }

    /** The names within {@value #MAX_DISTANCE} edits of {@code typed} or starting with it, closest first. */
    static List<String> similar(String typed, List<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        record Candidate(String name, int distance) {}
        List<Candidate> found = new ArrayList<>();
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            int d = EditDistance.of(t, n);
            if (d <= MAX_DISTANCE || (!t.isEmpty() && n.startsWith(t))) {
                found.add(new Candidate(name, d));
            }
        }
        return found.stream()
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .limit(MAX_SUGGESTIONS)
                .map(Candidate::name)
                .distinct()
                .toList();
    }
}
