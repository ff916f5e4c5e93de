package io.googo.etcd.cli.command;

import io.googo.etcd.cli.CliContext;
import io.googo.etcd.cli.Version;
import io.googo.etcd.cli.command.alarm.AlarmCommand;
import io.googo.etcd.cli.command.config.ConfigCommand;
import io.googo.etcd.cli.command.endpoint.EndpointCommand;
import io.googo.etcd.cli.command.lease.LeaseCommand;
import io.googo.etcd.cli.command.member.MemberCommand;
import io.googo.etcd.cli.command.snapshot.SnapshotCommand;
import io.googo.etcd.cli.option.ConnectionOptions;
import io.googo.etcd.cli.option.MembersFlag;
import io.googo.etcd.cli.option.OutputOptions;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.Overrides;
import io.googo.etcd.core.config.ProfileFile;
import io.googo.etcd.core.config.ProfileLocator;
import io.googo.etcd.core.config.ProfileResolver;
import io.googo.etcd.core.config.Resolved;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gooetcd}: the global options and the command list. */
@Command(
        name = "gooetcd",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "An etcdctl-like command line for etcd v3, with named cluster profiles, readable JSON,",
            "paged reads, compare-and-swap puts and more."
        },
        modelTransformer = MembersFlag.Install.class)
public final class RootCommand implements Runnable {
    /**
     * The commands, by name, in the order of the command list. Not in the {@code @Command}
     * annotation: picocli would build every command's model for every run (~240 ms); GooEtcd
     * adds them all, or only the one a command line invokes (GooEtcd.commandLine).
     */
    public static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "put",
            PutCommand.class,
            "get",
            GetCommand.class,
            "del",
            DelCommand.class,
            "txn",
            TxnCommand.class,
            "load",
            LoadCommand.class,
            "dump",
            DumpCommand.class,
            "watch",
            WatchCommand.class,
            "lease",
            LeaseCommand.class,
            "lock",
            LockCommand.class,
            "elect",
            ElectCommand.class,
            "batch",
            BatchCommand.class,
            "shell",
            ShellCommand.class,
            "config",
            ConfigCommand.class,
            "completion",
            CompletionCommand.class,
            "version",
            VersionCommand.class,
            "member",
            MemberCommand.class,
            "endpoint",
            EndpointCommand.class,
            "move-leader",
            MoveLeaderCommand.class,
            "alarm",
            AlarmCommand.class,
            "compaction",
            CompactionCommand.class,
            "defrag",
            DefragCommand.class,
            "snapshot",
            SnapshotCommand.class,
            "register",
            RegisterCommand.class,
            "discover",
            DiscoverCommand.class,
            "auth",
            io.googo.etcd.cli.command.auth.AuthCommand.class,
            "user",
            io.googo.etcd.cli.command.user.UserCommand.class,
            "role",
            io.googo.etcd.cli.command.role.RoleCommand.class,
            "make-mirror",
            MakeMirrorCommand.class);

    private static Map<String, Class<?>> subcommands(Object... nameClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameClass.length; i += 2) {
            m.put((String) nameClass[i], (Class<?>) nameClass[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Mixin
    public ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    public OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private ProfileFile profileFile;
    private boolean profileFileLoaded;
    private SharedClient shared;
    private Overrides sharedOverrides;
    private boolean inBatch;
    private String fallbackNote = "";

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
        RootCommand s = state;
        if (!s.profileFileLoaded) {
            s.profileFile = locator().load(connection.config);
            s.profileFileLoaded = true;
        }
        return s.profileFile;
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
                .keepaliveTime(c.keepaliveTime)
                .keepaliveTimeout(c.keepaliveTimeout)
                .discoverySrv(c.discoverySrv)
                .discoverySrvName(c.discoverySrvName)
                .insecureDiscovery(c.insecureDiscovery)
                .build();
    }

    /** Resolves the profile (flag > environment > profile > default), prompting for a password if needed. */
    public Resolved resolve() {
        Resolved r;
        try {
            r = ProfileResolver.resolve(profileFile(), overrides(), context.env(), context.home());
        } catch (EtcdException e) {
            if (e.getMessage() != null && e.getMessage().contains("no current profile")) {
                // the core's words serve library users too; the CLI's own way to name the profile
                throw new EtcdException(
                        e.kind(), e.getMessage() + " (--cluster NAME, or 'gooetcd config use NAME')", e);
            }
            throw e;
        }
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

    /** A client for the resolved profile (the batch's shared one when this line may use it). */
    public EtcdClient connect() {
        if (shared != null && overrides().equals(sharedOverrides)) {
            return shared.get();
        }
        Resolved r = resolve();
        if (r.builtinFallback()) {
            state.fallbackNote = " (no endpoints given and "
                    + profileFile()
                            .source()
                            .map(p -> p + " defines no profile")
                            .orElse("no profile file at " + locator().defaultPath())
                    + ": tried the built-in profile '" + r.profileName() + "'; give --endpoints, or see 'gooetcd config"
                    + " --help')";
        }
        return EtcdClient.create(r.profileName(), r.config());
    }

    /**
     * For a connection error: how the endpoints were chosen when nothing named them (the built-in
     * profile); empty otherwise.
     */
    public String fallbackNote() {
        return state.fallbackNote;
    }

    /** True when closing {@code c} is the command's job (it is not the batch's shared client). */
    public boolean owns(EtcdClient c) {
        return shared == null || !shared.is(c);
    }

    /** The batch's one client, made when a line first needs it. */
    public interface SharedClient {
        EtcdClient get();

        boolean is(EtcdClient c);
    }

    /**
     * For {@code batch}: this line starts from the batch's own global options, and uses the
     * batch's client as long as it gives no connection option of its own. Call before the
     * CommandLine is built: picocli takes the fields' values as the defaults.
     */
    public RootCommand inheritFrom(RootCommand batch, SharedClient client) {
        ConnectionOptions from = batch.connection;
        connection.cluster = from.cluster;
        connection.config = from.config;
        connection.endpoints = from.endpoints;
        connection.user = from.user;
        connection.password = from.password;
        connection.passwordFile = from.passwordFile;
        connection.cacert = from.cacert;
        connection.cert = from.cert;
        connection.key = from.key;
        connection.insecureSkipTlsVerify = from.insecureSkipTlsVerify;
        connection.dialTimeout = from.dialTimeout;
        connection.commandTimeout = from.commandTimeout;
        connection.keepaliveTime = from.keepaliveTime;
        connection.keepaliveTimeout = from.keepaliveTimeout;
        output.writeOut = batch.output.writeOut;
        output.debug = batch.output.debug;
        output.hex = batch.output.hex;
        profileFile = batch.profileFile;
        profileFileLoaded = batch.profileFileLoaded;
        shared = client;
        sharedOverrides = batch.overrides();
        inBatch = true;
        return this;
    }

    /**
     * For {@code batch}: this line root (of one command's tree) shares the profile file and the
     * connection note with {@code first} (the root of another tree of the same lines), as if the
     * lines ran through one root. Call after {@link #inheritFrom}.
     */
    public RootCommand sharingStateWith(RootCommand first) {
        state = first.state;
        return this;
    }

    public boolean inBatch() {
        return inBatch;
    }

    /**
     * What errors of the running batch or shell line start with, e.g. {@code "stdin line 3: "};
     * empty outside a batch and at the shell's prompt.
     */
    public String linePrefix() {
        return linePrefix;
    }

    /** Sets {@link #linePrefix()} for the line about to run. */
    public void linePrefix(String where) {
        linePrefix = where == null ? "" : where;
    }

    private String linePrefix = "";

    /** The root whose profile file and connection note this one uses: itself, or a batch's first line root. */
    private RootCommand state = this;
}
