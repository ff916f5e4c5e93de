package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists every user.")
public final class UserListCommand extends AuthAdminCommand {
    @Override
    protected List<OutputFormat> formats() {
        return READ_FORMATS;
    }

    @Override
    protected int run() {
        out().userList(admin().userList());
        return 0;
    }
}
