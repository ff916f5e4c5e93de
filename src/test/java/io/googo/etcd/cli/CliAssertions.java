package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What every failing command must look like on stderr (CLI.md "Exit codes"). */
final class CliAssertions {
    private CliAssertions() {}

    /**
     * The exit code is {@code code}; stderr holds exactly one {@code Error:} line, which contains every
     * fragment; besides it at most one hint line (after it) and any number of {@code Warning:} lines
     * (before it); nothing that looks like a stack trace.
     *
     * @return the {@code Error:} line
     */
    static String assertCleanError(Cli.Result r, int code, String... fragments) {
        assertThat(r.exitCode()).as("exit code of\n%s", r).isEqualTo(code);
        assertNoStackTrace(r);
        List<String> lines = r.err().lines().toList();
        List<String> errors =
                lines.stream().filter(l -> l.startsWith("Error: ")).toList();
        assertThat(errors).as("one Error: line in\n%s", r).hasSize(1);
        int at = lines.indexOf(errors.get(0));
        assertThat(lines.subList(0, at))
                .as("only warnings before the Error: line in\n%s", r)
                .allMatch(l -> l.startsWith("Warning: "));
        assertThat(lines.size() - at - 1)
                .as("at most one hint line after the Error: line in\n%s", r)
                .isLessThanOrEqualTo(1);
        String error = errors.get(0);
        assertThat(error.length())
                .as("a message that says something, in\n%s", r)
                .isGreaterThan("Error: ".length() + 5);
        for (String f : fragments) {
            assertThat(error).as("the Error: line of\n%s", r).contains(f);
        }
        return error;
    }

    static void assertNoStackTrace(Cli.Result r) {
        assertThat(r.err().lines())
                .as("no stack trace on stderr of\n%s", r)
                .noneMatch(l -> l.startsWith("\tat ")
                        || l.trim().startsWith("at ") && l.contains("(")
                        || l.contains("Exception")
                        || l.startsWith("Caused by:"));
    }

    /** Exit 0, nothing on stderr but {@code Warning:} lines. */
    static void assertOk(Cli.Result r) {
        assertThat(r.exitCode()).as("exit code of\n%s", r).isEqualTo(0);
        assertThat(r.err().lines()).as("stderr of\n%s", r).allMatch(l -> l.startsWith("Warning: "));
    }

    /**
     * {@code endpoint health}'s simple lines go to standard error, as etcdctl's: asserts that standard
     * output is empty and returns the result with those lines moved to {@code out}, the rest of stderr
     * left in {@code err} (for {@link #assertOk} and {@link #assertCleanError}).
     */
    static Cli.Result healthLines(Cli.Result r) {
        assertThat(r.out())
                .as("endpoint health prints its simple lines on stderr, not stdout, in\n%s", r)
                .isEmpty();
        java.util.function.Predicate<String> health = l -> l.matches("\\S+ is (un)?healthy: .*");
        String lines = r.err().lines().filter(health).map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        String rest = r.err()
                .lines()
                .filter(health.negate())
                .map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining());
        return new Cli.Result(r.exitCode(), lines, rest, lines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
