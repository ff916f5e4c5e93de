package io.googo.etcd.cli.command.member;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        description = "Lists, adds, removes, updates and promotes cluster members.",
        subcommands = {
            MemberListCommand.class,
            MemberAddCommand.class,
            MemberRemoveCommand.class,
            MemberUpdateCommand.class,
            MemberPromoteCommand.class
        })
public final class MemberCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
