package io.googo.etcd.cli.command.role;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists every role.")
public final class RoleListCommand extends AuthAdminCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int run() {
        out().roleList(admin().roleList());
        return 0;
    }
}
