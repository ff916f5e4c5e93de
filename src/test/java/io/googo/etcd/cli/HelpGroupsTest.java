package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gooetcd --help} lists the commands by {@link GooEtcd#GROUPS}: a command added to the root
 * but not to a group would vanish from the help without anything else noticing.
 */
class HelpGroupsTest {

    private static CommandLine whole() {
        return GooEtcd.commandLine(
                new CliContext(
                        Map.of(),
                        Path.of("/nonexistent-gooetcd-home"),
                        new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(),
                        false,
                        false,
                        null,
                        false),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    @Test
    void everyVisibleCommandOfTheRootIsInExactlyOneHelpGroup() {
        Set<String> commands = new TreeSet<>();
        for (var e : whole().getSubcommands().entrySet()) {
            if (!e.getValue().getCommandSpec().usageMessage().hidden()
                    && e.getKey().equals(e.getValue().getCommandName())) { // aliases are listed by name
                commands.add(e.getKey());
            }
        }
        List<String> grouped =
                GooEtcd.GROUPS.values().stream().flatMap(List::stream).toList();
        assertThat(grouped).as("a command in two groups").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(grouped))
                .as("GooEtcd.GROUPS (add a new command to its group there)")
                .isEqualTo(commands);
    }

    @Test
    void everyCommandsHelpListsTheGlobalOptionsUnderTheirOwnHeadingAfterItsOwn() {
        List<List<String>> paths = new ArrayList<>();
        paths(whole(), List.of(), paths);
        assertThat(paths).hasSizeGreaterThan(30);
        for (List<String> path : paths) {
            StringWriter out = new StringWriter();
            CommandLine cl = whole();
            cl.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            cl.execute(args.toArray(new String[0]));
            String help = out.toString();
            int heading = help.indexOf("\n" + GlobalOptionsHelp.HEADING + "\n");
            assertThat(heading).as("a Global options heading in\n%s", help).isPositive();
            int options = help.indexOf("\n  -h, --help");
            assertThat(options)
                    .as("-h among the command's own options in\n%s", help)
                    .isBetween(0, heading);
            String own = help.substring(options, heading); // after the synopsis, which names them all
            String global = help.substring(heading);
            for (String name : List.of("--endpoints=", "--dial-timeout=", "--debug", "--write-out=", "  -c")) {
                assertThat(global).as("%s under the heading in\n%s", name, help).contains(name);
            }
            assertThat(own)
                    .as("the command's own options in\n%s", help)
                    .doesNotContain("--endpoints=")
                    .doesNotContain("--insecure-skip-tls-verify");
        }
    }

    /** Every command path under the root: [get], [lease], [lease, grant], ... */
    private static void paths(CommandLine cl, List<String> prefix, List<List<String>> into) {
        for (var sub : cl.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(sub.getKey());
            into.add(p);
            paths(sub.getValue(), p, into);
        }
    }

    @Test
    void theHelpListsEveryCommand() {
        StringWriter help = new StringWriter();
        CommandLine cl = whole();
        cl.setOut(new PrintWriter(help));
        cl.execute("--help");
        for (String name : cl.getSubcommands().keySet()) {
            assertThat(help.toString()).as(help.toString()).containsPattern("(?m)^  " + name + " ");
        }
    }
}
