package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Version;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "version",
        description = "Prints the client version and, when reachable, each endpoint's server version.")
public final class VersionCommand extends BaseCommand {

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.TABLE);
    }

    @Override
    protected int execute() {
        List<Printer.ServerVersion> servers = new ArrayList<>();
        EtcdClient c = client();
        for (String ep : c.config().endpoints()) {
            try {
                var status = c.call(
                        "status " + ep, () -> c.jetcd().getMaintenanceClient().statusMember(ep));
                servers.add(new Printer.ServerVersion(ep, status.getVersion(), null));
            } catch (EtcdException e) {
                servers.add(new Printer.ServerVersion(ep, null, e.getMessage()));
            }
        }
        printer().version(new Printer.VersionInfo(Version.client(), Version.API_VERSION, servers));
        return 0;
    }
}
