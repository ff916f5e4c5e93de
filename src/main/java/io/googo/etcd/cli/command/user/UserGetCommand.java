package io.googo.etcd.cli.command.user;

import io.googo.etcd.cli.command.auth.AuthAdminCommand;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.auth.AuthAdmin;
import io.googo.etcd.core.auth.RoleInfo;
import io.googo.etcd.core.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Shows a user and its roles; --detail also each role's permissions.")
public final class UserGetCommand extends AuthAdminCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
    String name;

    @Option(names = "--detail", description = "Show the permissions of the roles granted to the user.")
    boolean detail;

    @Override
    protected List<OutputFormat> formats() {
        return detail ? ALL_FORMATS : READ_FORMATS;
    }

    @Override
    protected int run() {
        AuthAdmin admin = admin();
        UserInfo u = admin.userGet(name);
        if (!detail) {
            out().userGet(u);
            return 0;
        }
        List<RoleInfo> roles = new ArrayList<>();
        for (String role : u.roles()) {
            roles.add(admin.roleGet(role));
        }
        out().userGetDetail(u, roles);
        return 0;
    }
}
