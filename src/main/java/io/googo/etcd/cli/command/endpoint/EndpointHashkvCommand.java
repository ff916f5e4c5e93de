package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.EndpointHash;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "hashkv",
        description = {
            "Each endpoint's hash of its key-value history up to a revision: members",
            "that agree on the history show the same hash."
        })
public final class EndpointHashkvCommand extends PerEndpointCommand {
    @Option(
            names = "--rev",
            paramLabel = "N",
            converter = Converters.NonNegative.class,
            description = "Hash up to revision N (0: the latest).")
    long rev;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = admin();
        List<EndpointHash> rows =
                admin.hashKv(endpoints(admin), rev).stream().map(this::shown).toList();
        printer().endpointHashKv(rows);
        failIfAny(
                rows,
                h -> !h.ok(),
                EndpointHash::endpoint,
                EndpointHash::error,
                "endpoint hashkv",
                "did not answer",
                EndpointHash::errorKind);
        return 0;
    }
}
