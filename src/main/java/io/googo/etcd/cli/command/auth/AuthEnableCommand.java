package io.googo.etcd.cli.command.auth;

import picocli.CommandLine.Command;

@Command(
        name = "enable",
        description = {
            "Enables authentication. The user root must exist; the role root is",
            "created and granted to it when missing, as etcdctl does."
        })
public final class AuthEnableCommand extends AuthAdminCommand {
    @Override
    protected java.util.List<io.googo.etcd.cli.output.OutputFormat> formats() {
        return ALL_FORMATS; // etcdctl prints its sentence in every format, table too
    }

    @Override
    protected int run() {
        out().authChanged(true, admin().authEnable());
        return 0;
    }
}
