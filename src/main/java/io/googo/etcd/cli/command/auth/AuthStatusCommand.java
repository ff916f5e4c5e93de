package io.googo.etcd.cli.command.auth;

import io.googo.etcd.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description = {
            "Tells whether authentication is enabled, and the auth store's revision",
            "(etcdctl 3.5's 'auth status'; etcd before 3.5 does not tell the revision)."
        })
public final class AuthStatusCommand extends AuthAdminCommand {
    @Override
    protected List<OutputFormat> formats() {
        return ALL_FORMATS;
    }

    @Override
    protected int run() {
        out().authStatus(admin().authStatus());
        return 0;
    }
}
