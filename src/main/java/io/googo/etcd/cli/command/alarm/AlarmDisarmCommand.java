package io.googo.etcd.cli.command.alarm;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "disarm",
        description = {
            "Disarms every active alarm and prints those disarmed. Free space first",
            "(compaction, defrag): a NOSPACE alarm is raised again by the next write over the quota."
        })
public final class AlarmDisarmCommand extends BaseCommand {
    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON);
    }

    @Override
    protected int execute() {
        printer().alarms(new ClusterAdmin(client()).disarmAll(), true);
        return 0;
    }
}
