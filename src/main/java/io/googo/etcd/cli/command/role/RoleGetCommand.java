package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Shows a role's key permissions: the keys and ranges it may read, then write.")
public final class RoleGetCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The role's name.")
    String name;

    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int run() {
        out().roleGet(admin().roleGet(name));
        return 0;
    }
}
