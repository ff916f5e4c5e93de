package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.SimplePrinter;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.EndpointHealth;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "health",
        description = {
            "Whether each endpoint commits a proposal (a linearizable read) and has",
            "no active alarm. Exits 1 when any endpoint is unhealthy, naming it. The simple",
            "lines go to standard error, as etcdctl's; the other formats to standard output."
        })
public final class EndpointHealthCommand extends PerEndpointCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int execute() {
        ClusterAdmin admin = admin();
        List<EndpointHealth> rows =
                admin.health(endpoints(admin)).stream().map(this::shown).toList();
        if (format() == OutputFormat.SIMPLE) {
            // etcdctl prints the simple lines on standard error (json, table and fields on standard output)
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            SimplePrinter simple = new SimplePrinter(lines);
            simple.endpointHealth(rows);
            simple.flush();
            err().print(lines.toString(StandardCharsets.UTF_8));
            err().flush();
        } else {
            printer().endpointHealth(rows);
        }
        failIfAny(
                rows,
                h -> !h.healthy(),
                EndpointHealth::endpoint,
                EndpointHealth::error,
                "unhealthy cluster",
                "unhealthy",
                null);
        return 0;
    }
}
