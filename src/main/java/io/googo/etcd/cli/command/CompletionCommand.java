package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Completions;
import io.googo.etcd.cli.output.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "completion",
        description = {
            "Prints the bash or zsh completion script.",
            "bash: source <(gooetcd completion bash)   zsh: gooetcd completion zsh > \"$${fpath[1]}/_gooetcd\""
        })
public final class CompletionCommand extends BaseCommand {
    enum Shell {
        bash,
        zsh
    }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE);
    }

    @Override
    protected int execute() throws Exception {
        String script = shell == Shell.bash ? Completions.bash() : Completions.zsh();
        ctx().stdout().write(script.getBytes(StandardCharsets.UTF_8));
        return 0;
    }
}
