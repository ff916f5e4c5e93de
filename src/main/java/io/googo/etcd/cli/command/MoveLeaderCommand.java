package io.googo.etcd.cli.command;

import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "move-leader",
        description = {
            "Transfers leadership to the member with this ID (hex).",
            "The request goes to the current leader, found through the endpoints' status and",
            "the member list."
        })
public final class MoveLeaderCommand extends BaseCommand {
    @Parameters(
            index = "0",
            paramLabel = "ID",
            converter = Converters.HexId.class,
            description = "The member ID (hex) of the new leader.")
    long target;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() {
        printer().moveLeader(new ClusterAdmin(client()).moveLeader(target));
        return 0;
    }
}
