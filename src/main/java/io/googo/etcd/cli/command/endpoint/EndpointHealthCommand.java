package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.EndpointHealth;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "health", description = {"Whether each endpoint commits a proposal (a linearizable read) and has",
    "no active alarm. Exits 1 when any endpoint is unhealthy, naming it."})
public final class EndpointHealthCommand extends PerEndpointCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = admin();
        List<EndpointHealth> rows = admin.health(endpoints(admin));
        printer().endpointHealth(rows);
        failIfAny(rows, h -> !h.healthy(), EndpointHealth::endpoint, EndpointHealth::error,
                "unhealthy cluster", "unhealthy", null);
        return 0;
    }
}
