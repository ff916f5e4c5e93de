package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.EndpointStatus;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description = {
            "Each endpoint's member ID, version, db size, leadership, raft term and indexes,",
            "and errors. An endpoint that does not answer is a row with its error, and the exit",
            "code is 1 (2 when none answers)."
        })
public final class EndpointStatusCommand extends PerEndpointCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = admin();
        List<EndpointStatus> rows =
                admin.status(endpoints(admin)).stream().map(this::shown).toList();
        printer().endpointStatus(rows);
        failIfAny(
                rows,
                s -> !s.ok(),
                EndpointStatus::endpoint,
                EndpointStatus::error,
                "endpoint status",
                "did not answer",
                EndpointStatus::errorKind);
        return 0;
    }
}
