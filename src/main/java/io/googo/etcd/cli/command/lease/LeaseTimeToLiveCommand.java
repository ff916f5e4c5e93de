package io.googo.etcd.cli.command.lease;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "timetolive",
        description = {
            "Shows a lease's granted TTL and the time it has left.",
            "A lease that does not exist is shown as already expired."
        })
public final class LeaseTimeToLiveCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Converters.HexId.class, description = "Lease ID (hex).")
    long id;

    @Option(names = "--keys", description = "Also list the keys attached to the lease.")
    boolean keys;

    @Override
    protected int execute() {
        printer().leaseTimeToLive(client().timeToLive(id, keys));
        return 0;
    }
}
