package io.googo.etcd.cli.command.member;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "list",
        description = {
            "Lists the cluster's members: ID (hex), status, name, peer and client URLs, and",
            "whether it is a learner. A member added but not started yet is 'unstarted', with no name."
        })
public final class MemberListCommand extends BaseCommand {
    @Override
    protected List<OutputFormat> formats() {
        return List.of(
                OutputFormat.SIMPLE,
                OutputFormat.JSON,
                OutputFormat.TABLE,
                OutputFormat.FIELDS,
                OutputFormat.ETCDCTL_JSON,
                OutputFormat.PROTOBUF);
    }

    @Override
    protected int execute() {
        if (format() == OutputFormat.PROTOBUF) {
            io.googo.etcd.cli.output.ProtobufWriter.write(
                    ctx().stdout(), new ClusterAdmin(client()).memberListMessage());
            return 0;
        }
        printer().memberList(new ClusterAdmin(client()).memberList());
        return 0;
    }
}
