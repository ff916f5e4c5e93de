package io.googo.etcd.cli.command;

import io.googo.etcd.cli.command.endpoint.PerEndpointCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.DefragResult;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "defrag",
        description = {
            "Defragments each endpoint's member in turn (--cluster: every member).",
            "Gives the space freed by compaction back to the file system; a member answers",
            "nothing else meanwhile."
        })
public final class DefragCommand extends PerEndpointCommand {
    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = admin();
        List<DefragResult> rows = admin.defragment(endpoints(admin));
        printer().defrag(rows);
        failIfAny(
                rows,
                d -> !d.ok(),
                DefragResult::endpoint,
                DefragResult::error,
                "defrag",
                "failed",
                DefragResult::errorKind);
        return 0;
    }
}
