package io.googo.etcd.cli.command;

import io.googo.etcd.cli.CliContext;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.cli.output.Printer;
import io.googo.etcd.cli.output.Printers;
import io.googo.etcd.cli.output.StdoutClosedException;
import io.googo.etcd.core.client.EtcdClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the output format (checked before anything is sent), the printer,
 * and a client made on first use and closed when the command ends. Failures are thrown as
 * {@link io.googo.etcd.core.EtcdException}; {@link io.googo.etcd.cli.GooEtcd} turns them into
 * one {@code Error:} line and the exit code.
 */
@picocli.CommandLine.Command(mixinStandardHelpOptions = true, versionProvider = io.googo.etcd.cli.Version.class)
public abstract class BaseCommand implements Callable<Integer> {
    protected static final List<OutputFormat> ALL_FORMATS = List.of(
            OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.TABLE, OutputFormat.FIELDS, OutputFormat.ETCDCTL_JSON);
    /** ALL_FORMATS and yaml (the commands that print values: get, watch, batch, shell). */
    protected static final List<OutputFormat> WITH_YAML = List.of(
            OutputFormat.SIMPLE,
            OutputFormat.JSON,
            OutputFormat.TABLE,
            OutputFormat.FIELDS,
            OutputFormat.ETCDCTL_JSON,
            OutputFormat.YAML);

    /** NOT_TABLE and etcdctl's protobuf (put, del, txn). */
    protected static final List<OutputFormat> WITH_PROTOBUF = List.of(
            OutputFormat.SIMPLE,
            OutputFormat.JSON,
            OutputFormat.FIELDS,
            OutputFormat.ETCDCTL_JSON,
            OutputFormat.PROTOBUF);

    protected static final List<OutputFormat> NOT_TABLE =
            List.of(OutputFormat.SIMPLE, OutputFormat.JSON, OutputFormat.FIELDS, OutputFormat.ETCDCTL_JSON);

    @Spec
    protected CommandSpec spec;

    private EtcdClient client;
    private Printer printer;

    protected RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    protected CliContext ctx() {
        return root().context();
    }

    /** The formats this command can print. */
    protected List<OutputFormat> formats() {
        return NOT_TABLE;
    }

    protected OutputFormat format() {
        String name = root().output.writeOut(ctx().env());
        if (name.equals("json") && "etcdctl".equals(profileJson())) {
            name = "etcdctl-json"; // the profile says -w json means etcdctl's (CONFIG.md)
        }
        return OutputFormat.choose(name, spec.qualifiedName(" ").replaceFirst("^\\S+ ", ""), formats());
    }

    protected Printer printer() {
        if (printer == null) {
            printer = Printers.of(
                    format(),
                    ctx().stdout(),
                    io.googo.etcd.cli.output.HexBytes.enabled(root().output.hex, ctx().env()));
        }
        return printer;
    }

    /** The client of the chosen profile, connected lazily on the first request. */
    protected EtcdClient client() {
        if (client == null) {
            client = root().connect();
        }
        return client;
    }

    /** Gives the client to the caller, who closes it: this command neither uses nor closes it any more. */
    protected EtcdClient releaseClient() {
        EtcdClient c = client;
        client = null;
        return c;
    }

    /** The client if one was made, without making one. */
    protected EtcdClient peekClient() {
        return client;
    }

    /**
     * Standard input, for a command that reads {@code what} from it. When the process was started
     * with standard input closed ({@code <&-}), a usage error instead (exit 128, as etcdctl): the
     * descriptor may by now be a file the JVM opened for itself, and must not be read as input.
     */
    protected InputStream stdin(String what) {
        if (ctx().stdinClosed()) {
            throw new ParameterException(
                    spec.commandLine(),
                    spec.qualifiedName() + " reads " + what + " from standard input, which is closed");
        }
        return ctx().stdin();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error of this command (exit 128, as etcdctl's), e.g. flags that exclude each other. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public final Integer call() throws Exception {
        format();
        try {
            return execute();
        } finally {
            try {
                if (printer != null) {
                    printer.flush();
                }
                ctx().stdout().flush();
            } catch (IOException | StdoutClosedException ignored) {
                // stdout is gone; nothing left to tell
            } finally {
                if (client != null && root().owns(client)) {
                    client.close();
                }
                // batch runs one command tree many times: start the next run afresh
                client = null;
                printer = null;
            }
        }
    }

    /** Runs the command; returns the exit code. */
    protected abstract int execute() throws Exception;

    /** The profile's {@code decode} setting (k8s, none), or null: the default of {@code --decode}. */
    protected String profileDecode() {
        io.googo.etcd.core.config.Profile p = chosenProfile();
        return p == null ? null : p.decode();
    }

    /** The profile's {@code json} setting (etcdctl, readable), or null; only a readable profile file counts. */
    private String profileJson() {
        io.googo.etcd.core.config.Profile p;
        try {
            p = chosenProfile();
        } catch (io.googo.etcd.core.EtcdException e) {
            return null; // the command reports a bad file itself when it connects
        }
        return p == null ? null : p.json();
    }

    /**
     * The profile the resolver would pick (--cluster, else GOOETCD_CLUSTER, else the file's current
     * one), or null when there is no profile file or no such profile.
     */
    private io.googo.etcd.core.config.Profile chosenProfile() {
        RootCommand r = root();
        String name = r.connection.cluster != null
                ? r.connection.cluster
                : ctx().env().get(io.googo.etcd.core.config.ProfileResolver.ENV_CLUSTER);
        io.googo.etcd.core.config.ProfileFile f = r.profileFile();
        if (f == null) {
            return null;
        }
        if (name == null) {
            name = f.effectiveCurrent().orElse(null);
        }
        return name == null ? null : f.profile(name).orElse(null);
    }
}
