package io.googo.etcd.cli;

import io.googo.etcd.cli.command.RootCommand;
import io.googo.etcd.cli.option.MembersFlag;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Range;

/**
 * Builds the command tree. picocli makes the model of every command it is given, by reflection,
 * before it parses anything: all of them cost ~240 ms of a one-shot command's start. So a
 * command line that certainly invokes one command gets a tree with that command only (and all
 * of its own subcommands); it parses, prints help and fails exactly as over the whole tree,
 * because nothing else in the tree is ever looked at. Anything less certain gets every
 * command: no command (the root's help and command list), an unknown command (picocli's
 * "Did you mean"), a global option this does not know or one that asks for help or the
 * version, {@code --}, an option value that is a command's name (picocli refuses it as a
 * value), and the commands that read the whole tree (shell, whose completion offers every
 * command, and completion). {@code batch} runs its lines through trees of their own, made the
 * same way, line by line (LineRunner), so it needs none of the other commands itself.
 */
final class CommandTree {
    /** Commands that always get the whole tree. */
    private static final Set<String> WHOLE = Set.of("shell", "completion");

    private CommandTree() {}

    /** The tree for {@code args}; every command when {@code args} is {@code null}. */
    static CommandLine build(RootCommand root, String[] args) {
        CommandLine cl = new CommandLine(root);
        String only = args == null ? null : invoked(cl.getCommandSpec(), args);
        for (var sub : RootCommand.SUBCOMMANDS.entrySet()) {
            if (only == null || only.equals(sub.getKey())) {
                cl.addSubcommand(sub.getKey(), sub.getValue());
            }
        }
        // the root's model transformer ran when the root was made, before it had commands
        new MembersFlag.Install().transform(cl.getCommandSpec());
        return cl;
    }

    /**
     * The command {@code args} invoke, read the way picocli reads them: the root's own options
     * (with their values) first, then the command's name. {@code null} when that is not certain.
     */
    static String invoked(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                return RootCommand.SUBCOMMANDS.containsKey(a) && !WHOLE.contains(a) ? a : null;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            OptionSpec o = root.findOption(name);
            if (o == null || !Arrays.asList(o.names()).contains(name) || o.usageHelp() || o.versionHelp()) {
                return null;
            }
            Range arity = o.arity();
            if (eq >= 0) {
                if (arity.max() < 1) {
                    return null;
                }
            } else if (arity.min() == 1 && arity.max() == 1) {
                i++;
                if (i >= args.length || RootCommand.SUBCOMMANDS.containsKey(args[i])) {
                    return null;
                }
            } else if (arity.max() != 0) {
                return null;
            }
        }
        return null;
    }
}
