package io.googo.etcd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.cli.CliContext;
import io.googo.etcd.cli.GooEtcd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shell's completion and history rules, on the real command model (no etcd: keys come from a stub list). */
class ShellCompleterTest {
    private final CommandLine tree = GooEtcd.commandLine(
            new CliContext(
                    Map.of(),
                    Path.of("/nonexistent"),
                    new ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(),
                    false,
                    false,
                    null),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    private final List<String> asked = new ArrayList<>();
    private final ShellCompleter completer = new ShellCompleter(tree, () -> List.of("prod", "staging"), typed -> {
        asked.add(typed);
        return List.of(typed + "a", typed + "dir/");
    });
    private final Terminal terminal;
    private final LineReader reader;

    ShellCompleterTest() throws IOException {
        terminal = TerminalBuilder.builder()
                .dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                .build();
        reader = LineReaderBuilder.builder().terminal(terminal).build();
    }

    @AfterEach
    void close() throws IOException {
        terminal.close();
    }

    private List<Candidate> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(reader, parsed, out);
        return out;
    }

    private List<String> values(String line) {
        return complete(line).stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandsButNotShellItself() {
        assertThat(values("ge")).contains("get", "put", "del", "watch", "batch").doesNotContain("shell");
        assertThat(asked).as("no key lookup for a command name").isEmpty();
    }

    @Test
    void completesFlagsAndFlagValues() {
        assertThat(values("get --pr")).contains("--prefix", "--print-value-only", "--endpoints");
        assertThat(values("get k -w "))
                .containsExactlyInAnyOrder("simple", "json", "table", "fields", "etcdctl-json", "yaml", "protobuf");
        assertThat(asked).as("a flag's value is not a key").isEmpty();
    }

    @Test
    void completesProfileNamesFromTheProfileFile() {
        assertThat(values("-c ")).containsExactly("prod", "staging");
        assertThat(values("get k --cluster ")).containsExactly("prod", "staging");
        assertThat(values("config use ")).contains("prod", "staging").doesNotContain("__GOOETCD_PROFILES__");
    }

    @Test
    void completesKeysWhereACommandTakesOneADirectoryAtATime() {
        List<Candidate> c = complete("get /serv");
        assertThat(asked).containsExactly("/serv");
        assertThat(c)
                .filteredOn(x -> x.value().equals("/servdir/"))
                .singleElement()
                .satisfies(x -> assertThat(x.complete())
                        .as("no space after a directory")
                        .isFalse());
        assertThat(c)
                .filteredOn(x -> x.value().equals("/serva"))
                .singleElement()
                .satisfies(x -> assertThat(x.complete()).isTrue());
    }

    @Test
    void knowsWhichWordsAreKeys() {
        assertThat(keyAt("get ")).isTrue();
        assertThat(keyAt("get k ")).as("RANGE_END").isTrue();
        assertThat(keyAt("del --prefix ")).isTrue();
        assertThat(keyAt("-w json get ")).as("after global options").isTrue();
        assertThat(keyAt("get --rev 5 ")).as("after an option and its value").isTrue();
        assertThat(keyAt("get --rev ")).as("an option's value").isFalse();
        assertThat(keyAt("put k ")).as("VALUE").isFalse();
        assertThat(keyAt("put ")).isTrue();
        assertThat(keyAt("dump ")).isTrue();
        assertThat(keyAt("watch a b ")).isTrue();
        assertThat(keyAt("lock ")).as("a lock name").isFalse();
        assertThat(keyAt("")).as("the command").isFalse();
        assertThat(keyAt("get -")).as("a flag").isFalse();
        assertThat(keyAt("get -- -")).as("after --, a key that starts with -").isTrue();
    }

    private boolean keyAt(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        return ShellCompleter.isKeyPosition(tree.getCommandSpec(), parsed.words(), parsed.wordIndex());
    }

    @Test
    void historyKeepsNoLineWithACredential() {
        InteractiveShell.SecretFreeHistory h = new InteractiveShell.SecretFreeHistory();
        h.attach(reader);
        h.add(Instant.now(), "get k --user root:secret");
        h.add(Instant.now(), "get k --password=secret");
        h.add(Instant.now(), "--user root get k");
        h.add(Instant.now(), "put k '--user is a value'");
        h.add(Instant.now(), "get k --user-agent x");
        h.add(Instant.now(), "get k");
        List<String> kept = new ArrayList<>();
        h.forEach(e -> kept.add(e.line()));
        assertThat(kept).containsExactly("put k '--user is a value'", "get k --user-agent x", "get k");
    }
}
