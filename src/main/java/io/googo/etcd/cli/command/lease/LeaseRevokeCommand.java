package io.googo.etcd.cli.command.lease;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "revoke",
        description = {"Revokes a lease; the keys attached to it are deleted."})
public final class LeaseRevokeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Converters.HexId.class, description = "Lease ID (hex).")
    long id;

    @Override
    protected int execute() {
        printer().leaseRevoke(client().revoke(id));
        return 0;
    }
}
