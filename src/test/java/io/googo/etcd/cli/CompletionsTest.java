package io.googo.etcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed completion scripts are what the current command model generates, and they work. */
class CompletionsTest {
    static final Path DIR = Path.of("completions");

    @Test
    void committedScriptsMatchTheCommandModel() throws Exception {
        assertThat(Files.readString(DIR.resolve("gooetcd.bash")))
                .as("completions/gooetcd.bash is stale: run 'make completions'")
                .isEqualTo(Completions.bash());
        assertThat(Files.readString(DIR.resolve("_gooetcd")))
                .as("completions/_gooetcd is stale: run 'make completions'")
                .isEqualTo(Completions.zsh());
    }

    @Test
    void completionCommandPrintsTheSameScripts() {
        Cli.Result bash = Cli.bare().run("completion", "bash");
        assertThat(bash.exitCode()).as(bash.toString()).isZero();
        assertThat(bash.out()).isEqualTo(Completions.bash());
        Cli.Result zsh = Cli.bare().run("completion", "zsh");
        assertThat(zsh.out()).startsWith("#compdef gooetcd\n").isEqualTo(Completions.zsh());
        Cli.Result fish = Cli.bare().run("completion", "fish");
        assertThat(fish.exitCode()).as(fish.toString()).isEqualTo(128);
        Cli.Result help = Cli.bare().run("completion", "--help");
        assertThat(help.out())
                .as("the shell variable is printed as written, not interpolated")
                .contains("> \"${fpath[1]}/_gooetcd\"");
    }

    static List<String> complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "\"\"" : line;
        String bash = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + words + "); "
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_gooetcd gooetcd \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", bash);
        pb.environment().remove("GOOETCD_CONFIG");
        pb.environment().put("HOME", "/nonexistent-home");
        pb.environment().remove("XDG_CONFIG_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void clusterCompletesTheProfileNamesOfTheProfileFile(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, """
                # profiles
                current: a
                clusters:
                  a:
                    endpoints: [http://127.0.0.1:1]
                  "prod-eu":
                    endpoints: [http://127.0.0.1:2]
                    tls:
                      enabled: true
                other: x
                """);
        Path script = DIR.resolve("gooetcd.bash").toAbsolutePath();
        assertThat(complete(script, "gooetcd get --config " + cfg + " --cluster "))
                .containsExactly("a", "prod-eu");
        assertThat(complete(script, "gooetcd get --cluster ")).containsExactly("local");
        assertThat(complete(script, "gooetcd g")).contains("get");
    }

    @Test
    void profileNamesCompleteWhateverTheIndentation(@TempDir Path dir) throws Exception {
        Path script = DIR.resolve("gooetcd.bash").toAbsolutePath();
        for (String indent : new String[] {" ", "    ", "      "}) {
            Path cfg = dir.resolve("config" + indent.length() + ".yaml");
            Files.writeString(cfg, """
                    clusters:
                    %1$sdev:
                    %1$s%1$sendpoints: [http://127.0.0.1:1]
                    %1$s%1$stls:
                    %1$s%1$s%1$scacert: /x
                    # a comment
                    %1$s'prod':
                    %1$s%1$sendpoints: [http://127.0.0.1:2]
                    current: dev
                    """.formatted(indent));
            assertThat(complete(script, "gooetcd get --config " + cfg + " --cluster "))
                    .as("indented by %d spaces:%n%s", indent.length(), Files.readString(cfg))
                    .containsExactly("dev", "prod");
        }
    }
}
