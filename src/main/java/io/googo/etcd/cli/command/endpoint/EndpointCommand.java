package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.option.MembersFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "endpoint",
        mixinStandardHelpOptions = true,
        description = "Status, health and hash of each endpoint (--cluster: of every member).",
        subcommands = {EndpointStatusCommand.class, EndpointHealthCommand.class, EndpointHashkvCommand.class})
public final class EndpointCommand implements Runnable, MembersFlag {
    @Spec
    CommandSpec spec;

    /** {@code endpoint --cluster status}, as etcdctl's persistent flag allows. */
    boolean allMembers;

    @Override
    public void allMembers(boolean all) {
        allMembers = all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
