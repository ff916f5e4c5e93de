package io.googo.etcd.cli.command.alarm;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists the active alarms: member ID and alarm type.")
public final class AlarmListCommand extends BaseCommand {
    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON);
    }

    @Override
    protected int execute() {
        printer().alarms(new ClusterAdmin(client()).alarms(), false);
        return 0;
    }
}
