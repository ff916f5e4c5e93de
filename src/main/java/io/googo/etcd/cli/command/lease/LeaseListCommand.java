package io.googo.etcd.cli.command.lease;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists every lease of the cluster.")
public final class LeaseListCommand extends BaseCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        printer().leaseList(client().leases());
        return 0;
    }
}
