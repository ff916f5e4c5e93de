package io.googo.etcd.cli.command.auth;

import picocli.CommandLine.Command;

@Command(name = "disable", description = "Disables authentication (as root, when it is enabled).")
public final class AuthDisableCommand extends AuthAdminCommand {
    @Override
    protected java.util.List<io.googo.etcd.cli.output.OutputFormat> formats() {
        return ALL_FORMATS; // etcdctl prints its sentence in every format, table too
    }

    @Override
    protected int run() {
        out().authChanged(false, admin().authDisable());
        return 0;
    }
}
