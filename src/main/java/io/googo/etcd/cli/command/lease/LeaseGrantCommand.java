package io.googo.etcd.cli.command.lease;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.TtlConverter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "grant",
        description = {"Creates a lease with the given TTL.", "TTL is whole seconds (60) or a Go-style duration (1m)."})
public final class LeaseGrantCommand extends BaseCommand {
    @Parameters(
            index = "0",
            paramLabel = "TTL",
            converter = TtlConverter.class,
            description = "Time to live: seconds, or a Go-style duration.")
    Duration ttl;

    @Override
    protected int execute() {
        printer().leaseGrant(client().grant(ttl));
        return 0;
    }
}
