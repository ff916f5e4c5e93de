package io.googo.etcd.cli.command.member;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = "Sets the peer URLs of the member with this ID (hex).")
public final class MemberUpdateCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Converters.HexId.class, description = "Member ID in hex.")
    long id;

    @Option(
            names = "--peer-urls",
            paramLabel = "URL,...",
            required = true,
            split = ",",
            converter = PeerUrlsConverter.class,
            description = "The member's new peer URLs.")
    List<String> peerUrls;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON);
    }

    @Override
    protected int execute() {
        printer().memberChanged(new ClusterAdmin(client()).memberUpdate(id, peerUrls));
        return 0;
    }
}
