package io.googo.etcd.cli.command.auth;

import picocli.CommandLine.Command;

@Command(name = "disable", description = "Disables authentication (as root, when it is enabled).")
public final class AuthDisableCommand extends AuthAdminCommand {
    @Override
    protected int run() {
        out().authChanged(false, admin().authDisable());
        return 0;
    }
}
