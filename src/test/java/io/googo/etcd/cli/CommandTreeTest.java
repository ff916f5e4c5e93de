package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.cli.command.RootCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The lazy command tree (only the invoked command is built) behaves exactly as the whole tree:
 * the same help, errors and exit codes for every command, and the whole tree whenever the
 * command is not certain.
 */
class CommandTreeTest {
    private static final Path HOME = Path.of("/nonexistent-gooetcd-home");

    record Outcome(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private static Outcome run(boolean lazy, String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true);
        StringWriter errText = new StringWriter();
        PrintWriter err = new PrintWriter(errText, true);
        CliContext ctx = new CliContext(
                Map.of(), HOME, new ByteArrayInputStream(new byte[0]), outBytes, false, false, null, false);
        RootCommand root = new RootCommand(ctx);
        CommandLine cl = lazy ? GooEtcd.commandLine(root, out, err, args) : GooEtcd.commandLine(root, out, err);
        int code = cl.execute(args);
        out.flush();
        return new Outcome(code, outBytes.toString(StandardCharsets.UTF_8), errText.toString());
    }

    private static CommandLine whole() {
        return GooEtcd.commandLine(
                new CliContext(
                        Map.of(),
                        HOME,
                        new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(),
                        false,
                        false,
                        null,
                        false),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    /** Every command path in the whole tree: [get], [lease], [lease, grant], ... */
    private static List<List<String>> paths(CommandLine cl, List<String> prefix, List<List<String>> into) {
        for (var sub : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(prefix);
            p.add(sub.getKey());
            into.add(p);
            paths(sub.getValue(), p, into);
        }
        return into;
    }

    /** Only for command lines that fail before connecting, or ask for help: both trees run them. */
    private static void same(String... args) {
        Outcome whole = run(false, args);
        Outcome lazy = run(true, args);
        assertThat(lazy)
                .as("gooetcd %s: lazy tree (left) against the whole tree:\n%s", String.join(" ", args), whole)
                .isEqualTo(whole);
    }

    @Test
    void theCommandListMatchesTheCommandsOwnNames() {
        CommandLine cl = whole();
        assertThat(cl.getSubcommands().keySet()).containsExactlyElementsOf(RootCommand.SUBCOMMANDS.keySet());
        cl.getSubcommands()
                .forEach((name, sub) -> assertThat(sub.getCommandSpec()
                                .userObject()
                                .getClass()
                                .getAnnotation(CommandLine.Command.class)
                                .name())
                        .isEqualTo(name));
    }

    @Test
    void everyCommandsHelpIsTheSame() {
        List<List<String>> all = paths(whole(), List.of(), new ArrayList<>());
        assertThat(all).hasSizeGreaterThan(40);
        for (List<String> path : all) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            same(args.toArray(new String[0]));
            if (path.size() == 1) {
                List<String> withGlobals =
                        new ArrayList<>(List.of("--endpoints", "127.0.0.1:1", "-w", "json", "--debug"));
                withGlobals.addAll(args);
                same(withGlobals.toArray(new String[0]));
            }
        }
    }

    @Test
    void usageErrorsAreTheSame() {
        for (String[] args : new String[][] {
            {},
            {"--help"},
            {"-h"},
            {"--version"},
            {"gett", "k"},
            {"lese", "grant", "10"},
            {"--bogus", "get", "k"},
            {"get", "--bogus", "k"},
            {"get", "--prefx", "k"},
            {"get"},
            {"put", "k"},
            {"lease", "grnt", "10"},
            {"--endpoints", "put", "get", "k"},
            {"--endpoints"},
            {"-w"},
            {"-w", "yaml", "get"},
            {"--write-out=yaml", "get"},
            {"--debug=true", "get"},
            {"--", "get", "k"},
            {"lease"},
            {"member"},
            {"get", "k", "--limit", "x"},
            {"endpoint", "status", "--cluster", "x"},
            {"defrag", "-c"},
            {"--dial-timeout", "nonsense", "get", "k"},
            {"completion"},
            {"completion", "fish"},
            {"batch", "--bogus"},
            {"help"},
            {"get", "--help", "--bogus"},
        }) {
            same(args);
        }
    }

    @Test
    void onlyACertainCommandGetsTheLazyTree() {
        var spec = whole().getCommandSpec();
        assertThat(CommandTree.invoked(spec, new String[] {"get", "k"})).isEqualTo("get");
        assertThat(CommandTree.invoked(
                        spec, new String[] {"--endpoints", "x:1", "-w", "json", "--debug", "lease", "grant", "10"}))
                .isEqualTo("lease");
        assertThat(CommandTree.invoked(spec, new String[] {"--endpoints=x:1", "put", "k", "v"}))
                .isEqualTo("put");
        assertThat(CommandTree.invoked(spec, new String[] {"-c", "prod", "register", "s", "a"}))
                .isEqualTo("register");
        // batch needs no other command: its lines get trees of their own (LineRunner)
        assertThat(CommandTree.invoked(spec, new String[] {"batch", "f"})).isEqualTo("batch");
        for (String[] uncertain : new String[][] {
            {},
            {"--help", "get"},
            {"-V"},
            {"gett"},
            {"--bogus", "get"},
            {"--", "get"},
            {"--endpoints", "get", "k"},
            {"-wjson", "get"},
            {"--debug=true", "get"},
            {"shell"},
            {"completion", "bash"},
            {"-"},
        }) {
            assertThat(CommandTree.invoked(spec, uncertain))
                    .as(String.join(" ", uncertain))
                    .isNull();
        }
    }
}
