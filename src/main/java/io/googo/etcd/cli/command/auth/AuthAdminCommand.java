package io.googo.etcd.cli.command.auth;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.output.AuthPrinter;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.auth.AuthAdmin;
import java.util.List;

/** What the {@code auth}, {@code user} and {@code role} commands share: the admin and the printer. */
public abstract class AuthAdminCommand extends BaseCommand {
    /** The formats of a list or a read. */
    protected static final List<OutputFormat> READ_FORMATS =
            List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.ETCDCTL_JSON, OutputFormat.TABLE);

    private AuthPrinter out;

    protected AuthAdmin admin() {
        return new AuthAdmin(client());
    }

    protected AuthPrinter out() {
        if (out == null) {
            out = new AuthPrinter(format(), ctx().stdout());
        }
        return out;
    }

    @Override
    protected final int execute() throws Exception {
        try {
            return run();
        } finally {
            out = null;
        }
    }

    /** Runs the command; returns the exit code. */
    protected abstract int run() throws Exception;
}
