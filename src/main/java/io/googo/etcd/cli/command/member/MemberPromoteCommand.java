package io.googo.etcd.cli.command.member;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "promote",
        description = {
            "Makes the learner with this ID (hex) a voting member.",
            "etcd refuses until the learner has caught up with the leader."
        })
public final class MemberPromoteCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Converters.HexId.class, description = "Member ID in hex.")
    long id;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON);
    }

    @Override
    protected int execute() {
        printer().memberChanged(new ClusterAdmin(client()).memberPromote(id));
        return 0;
    }
}
