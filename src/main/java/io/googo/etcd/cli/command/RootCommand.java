package io.googo.etcd.cli.command;

import io.googo.etcd.cli.CliContext;
import io.googo.etcd.cli.Version;
import io.googo.etcd.cli.command.config.ConfigCommand;
import io.googo.etcd.cli.option.ConnectionOptions;
import io.googo.etcd.cli.option.OutputOptions;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Overrides;
import io.googo.etcd.core.config.ProfileFile;
import io.googo.etcd.core.config.ProfileLocator;
import io.googo.etcd.core.config.ProfileResolver;
import io.googo.etcd.core.config.Resolved;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gooetcd}: the global options and the command list. */
@Command(name = "gooetcd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"An etcdctl-like command line for etcd v3, with named cluster profiles, readable JSON,",
            "paged reads, compare-and-swap puts and more."},
        subcommands = {PutCommand.class, GetCommand.class, DelCommand.class, LoadCommand.class, DumpCommand.class,
            ConfigCommand.class, CompletionCommand.class,
            VersionCommand.class})
public final class RootCommand implements Runnable {
    @Mixin
    public ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    public OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private ProfileFile profileFile;
    private boolean profileFileLoaded;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The profile file named by the flags or environment, or {@code null} when there is none. */
    public ProfileFile profileFile() {
        if (!profileFileLoaded) {
            profileFile = locator().load(connection.config);
            profileFileLoaded = true;
        }
        return profileFile;
    }

    public ProfileLocator locator() {
        return new ProfileLocator(context.env(), context.home());
    }

    public Overrides overrides() {
        ConnectionOptions c = connection;
        return Overrides.builder()
                .cluster(c.cluster)
                .endpoints(c.endpoints)
                .user(c.user)
                .password(c.password)
                .passwordFile(c.passwordFile)
                .cacert(c.cacert)
                .cert(c.cert)
                .key(c.key)
                .insecureSkipTlsVerify(c.insecureSkipTlsVerify)
                .dialTimeout(c.dialTimeout)
                .commandTimeout(c.commandTimeout)
                .build();
    }

    /** Resolves the profile (flag > environment > profile > default), prompting for a password if needed. */
    public Resolved resolve() {
        Resolved r = ProfileResolver.resolve(profileFile(), overrides(), context.env());
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("Warning: " + w);
        }
        err.flush();
        if (r.passwordNeeded()) {
            String user = r.config().username();
            if (context.passwordPrompt() == null) {
                throw EtcdException.invalid("user '" + user + "' needs a password: set GOOETCD_PASSWORD, use "
                        + "--password-file, or run on a terminal to be asked for it");
            }
            char[] pw = context.passwordPrompt().apply("Password for " + user + ": ");
            if (pw == null) {
                throw EtcdException.invalid("no password entered for user '" + user + "'");
            }
            r = r.withPassword(new String(pw));
            java.util.Arrays.fill(pw, '\0');
        }
        return r;
    }

    /** A client for the resolved profile. */
    public EtcdClient connect() {
        Resolved r = resolve();
        return EtcdClient.create(r.profileName(), r.config());
    }
}
