package io.googo.etcd.cli;

import io.googo.etcd.cli.option.ProfileCandidates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Bash and zsh completion scripts, generated from the command model by picocli's AutoComplete.
 * {@code --cluster} completes the profile names of the profile file, read by a small shell
 * function at TAB time (no JVM start). {@code make completions} writes them to completions/;
 * a test keeps the committed files equal to what the current model generates.
 */
public final class Completions {
    static final String PROFILES_FUNCTION = """
            # Profile names for --cluster: the keys under 'clusters:' in the profile file
            # (--config FILE on the line, else $GOOETCD_CONFIG, else the XDG default), else 'local'.
            function _gooetcd_profiles() {
              local f="${GOOETCD_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/gooetcd/config.yaml}" i
              for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
                if [[ "${COMP_WORDS[i-1]}" == "--config" ]]; then f="${COMP_WORDS[i]}"; fi
              done
              if [[ ! -r "$f" ]]; then echo local; return; fi
              # the keys are the lines as indented as the first one under 'clusters:' (any indentation)
              awk '/^clusters:/ {on = 1; indent = 0; next}
                   on && /^[^ #]/ {on = 0}
                   on && /^ +[^ #-][^:]*:/ {
                     match($0, /^ +/); if (!indent) indent = RLENGTH
                     if (RLENGTH == indent) {
                       k = substr($0, indent + 1); sub(/:.*/, "", k); gsub(/["\\047]/, "", k); print k
                     }
                   }' "$f"
            }

            """;

    private Completions() {}

    public static String bash() {
        CommandLine cl = GooEtcd.commandLine(
                new CliContext(Map.of(), Path.of("."), System.in, OutputStream.nullOutputStream(), false, false, null),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        String script = AutoComplete.bash("gooetcd", cl);
        script = script.replace("(\"" + ProfileCandidates.PLACEHOLDER + "\")", "($(_gooetcd_profiles))");
        int body = script.indexOf("\n# Bash completion entry point function.");
        if (body < 0) {
            body = script.indexOf("\nfunction ");
        }
        return script.substring(0, body + 1) + PROFILES_FUNCTION + script.substring(body + 1);
    }

    public static String zsh() {
        return "#compdef gooetcd\n"
                + "# zsh completion for gooetcd: the bash script through zsh's bashcompinit.\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash();
    }

    /** Writes {@code gooetcd.bash} and {@code _gooetcd} into the directory given (default: completions). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "completions");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gooetcd.bash"), bash(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("_gooetcd"), zsh(), StandardCharsets.UTF_8);
    }
}
