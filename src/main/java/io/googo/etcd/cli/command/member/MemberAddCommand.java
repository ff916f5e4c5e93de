package io.googo.etcd.cli.command.member;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        description = {
            "Adds a member; then start etcd for it with the ETCD_* settings printed.",
            "With --learner it joins as a non-voting learner: promote it once it has caught up."
        })
public final class MemberAddCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The name the new member will be started with.")
    String name;

    @Option(
            names = "--peer-urls",
            paramLabel = "URL,...",
            required = true,
            split = ",",
            converter = PeerUrlsConverter.class,
            description = "The new member's peer URLs, e.g. http://10.0.0.4:2380.")
    List<String> peerUrls;

    @Option(names = "--learner", description = "Add it as a learner.")
    boolean learner;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON);
    }

    @Override
    protected int execute() {
        printer().memberAdd(name, new ClusterAdmin(client()).memberAdd(peerUrls, learner));
        return 0;
    }
}
