package io.googo.etcd.cli.command.lease;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "lease",
        mixinStandardHelpOptions = true,
        versionProvider = io.googo.etcd.cli.Version.class,
        description = "Grants, revokes, inspects and keeps alive leases (IDs in hex).",
        subcommands = {
            LeaseGrantCommand.class,
            LeaseRevokeCommand.class,
            LeaseTimeToLiveCommand.class,
            LeaseListCommand.class,
            LeaseKeepAliveCommand.class
        })
public final class LeaseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
