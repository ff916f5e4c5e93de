package io.googo.etcd.cli.command;

import io.googo.etcd.cli.output.OutputFormat;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "shell",
        description = {
            "Runs commands interactively over one connection.",
            "A prompt with history and tab completion of commands, flags, profile names and keys;",
            "each line is a command as for batch. 'exit' or Ctrl-D leaves; Ctrl-C stops the running",
            "command. History is kept in ~/.gooetcd_history (GOOETCD_HISTFILE; empty: none), without",
            "lines that give --user or --password, or that start with a blank.",
            "When standard input is not a terminal, its lines run as with batch."
        })
public final class ShellCommand extends BaseCommand {
    private final LineRunner runner = new LineRunner(this);

    @Override
    protected List<OutputFormat> formats() {
        return WITH_YAML;
    }

    @Override
    protected int execute() throws IOException {
        runner.refuseNesting("shell");
        if (!ctx().stdinTerminal()) {
            return runner.runAll(new TextLines(stdin("the commands")), "stdin", false);
        }
        // JLine's classes load only here, not for every command that merely builds the command tree
        return new InteractiveShell(this, runner).run();
    }
}
