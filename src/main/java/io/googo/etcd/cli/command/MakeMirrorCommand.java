package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Signals;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.option.ProfileCandidates;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.client.EtcdClient;
import io.googo.etcd.core.config.EtcdConfig;
import io.googo.etcd.core.config.Overrides;
import io.googo.etcd.core.config.ProfileFile;
import io.googo.etcd.core.config.ProfileResolver;
import io.googo.etcd.core.config.Resolved;
import io.googo.etcd.core.mirror.Mirror;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "make-mirror",
        description = {
            "Makes a mirror at the destination etcd cluster (etcdctl's make-mirror).",
            "Copies every key under --prefix as of one revision, then applies every change after it, in order,",
            "until SIGINT/SIGTERM (exit 0). The destination is DEST_ENDPOINTS, or the profile --to (whose",
            "endpoints DEST_ENDPOINTS overrides); the source is the usual profile, or --from. A write the",
            "destination does not acknowledge (it restarts, has no leader) is retried until it is: nothing is",
            "skipped or reordered. A source revision compacted before it was mirrored ends it with exit 5",
            "('required revision has been compacted'). Prints the count of keys and events mirrored on stderr",
            "every --progress-interval and on exit."
        })
public final class MakeMirrorCommand extends BaseCommand {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DEST_ENDPOINTS",
            description = "The destination's endpoints (host:port, http://, https://; comma-separated).")
    String destination;

    @Option(
            names = "--to",
            paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "The destination's profile (its endpoints, TLS, user; the --dest-* flags override them).")
    String to;

    @Option(
            names = "--from",
            paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "The source's profile (default: the usual choice, as -c/--cluster).")
    String from;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Key-value prefix to mirror (default: every key).")
    String prefix;

    @Option(
            names = "--dest-prefix",
            paramLabel = "PREFIX",
            description = "Destination prefix to mirror a prefix to a different prefix in the destination cluster.")
    String destPrefix;

    @Option(names = "--no-dest-prefix", description = "Mirror key-values to the root of the destination cluster.")
    boolean noDestPrefix;

    @Option(
            names = "--max-txn-ops",
            paramLabel = "N",
            defaultValue = "" + Mirror.DEFAULT_MAX_TXN_OPS,
            description = "Maximum number of operations permitted in a transaction during syncing updates"
                    + " (default ${DEFAULT-VALUE}, etcd's own limit).")
    int maxTxnOps;

    @Option(
            names = "--dest-cacert",
            paramLabel = "FILE",
            description = "Verify certificates of TLS enabled secure servers using this CA bundle.")
    Path destCacert;

    @Option(
            names = "--dest-cert",
            paramLabel = "FILE",
            description = "Identify secure client using this TLS certificate file for the destination cluster.")
    Path destCert;

    @Option(names = "--dest-key", paramLabel = "FILE", description = "Identify secure client using this TLS key file.")
    Path destKey;

    @Option(
            names = "--dest-insecure-transport",
            arity = "0..1",
            paramLabel = "BOOL",
            defaultValue = "true",
            fallbackValue = "true",
            description = "Disable transport security for client connections (default true;"
                    + " false: TLS even without a CA bundle or https://).")
    boolean destInsecureTransport;

    @Option(
            names = "--dest-insecure-skip-tls-verify",
            description = "Accept any destination server certificate (testing only).")
    Boolean destInsecureSkipTlsVerify;

    @Option(
            names = "--dest-user",
            paramLabel = "NAME[:PASSWORD]",
            description = "Destination username[:password] for authentication (prompt if password is not supplied).")
    String destUser;

    @Option(
            names = "--dest-password",
            paramLabel = "PASSWORD",
            description = "Destination password (visible to other users: prefer --dest-password-file).")
    String destPassword;

    @Option(
            names = "--dest-password-file",
            paramLabel = "FILE",
            description = "Read the destination password from FILE.")
    Path destPasswordFile;

    @Option(
            names = "--progress-interval",
            paramLabel = "DURATION",
            converter = Converters.GoDuration.class,
            defaultValue = "30s",
            description = "How often the count is printed on stderr (default 30s, as etcdctl).")
    Duration progressInterval;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(
                OutputFormat.SIMPLE,
                OutputFormat.JSON,
                OutputFormat.FIELDS,
                OutputFormat.ETCDCTL_JSON,
                OutputFormat.TABLE);
    }

    @Override
    protected int execute() throws Exception {
        // every check before anything is sent
        if (destination == null && to == null) {
            throw usage("make-mirror takes one destination argument (DEST_ENDPOINTS, or --to PROFILE)");
        }
        if (noDestPrefix && destPrefix != null && !destPrefix.isEmpty()) {
            throw usage("`--dest-prefix` and `--no-dest-prefix` cannot be set at the same time, choose one");
        }
        if (maxTxnOps < 1) {
            throw usage("--max-txn-ops must be at least 1, not " + maxTxnOps);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw usage("--progress-interval must be positive");
        }
        if (from != null) {
            String c = root().connection.cluster;
            if (c != null && !c.equals(from)) {
                throw usage("--from " + from + " and --cluster " + c + " name different source profiles: choose one");
            }
            root().connection.cluster = from;
        }
        EtcdConfig destConfig = destConfig();
        EtcdClient src = client();
        PrintWriter err = err();
        try (EtcdClient dst = EtcdClient.create("make-mirror-destination", destConfig)) {
            // both must answer before anything is written: a wrong endpoint fails now, not in the retry loop
            try {
                src.ping();
            } catch (EtcdException e) {
                throw new EtcdException(e.kind(), "make-mirror: source: " + e.getMessage(), e);
            }
            try {
                dst.ping();
            } catch (EtcdException e) {
                throw new EtcdException(e.kind(), "make-mirror: destination: " + e.getMessage(), e);
            }
            Mirror.Builder b = Mirror.builder(src, dst).prefix(prefix).maxTxnOps(maxTxnOps);
            if (noDestPrefix) {
                b.destPrefix("");
            } else if (destPrefix != null && !destPrefix.isEmpty()) {
                b.destPrefix(destPrefix);
            }
            try (Mirror mirror = b.build();
                    Signals.Registration sig = Signals.onTerminate(mirror::close)) {
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "gooetcd-mirror-progress");
                    t.setDaemon(true);
                    return t;
                });
                long every = progressInterval.toMillis();
                ticker.scheduleAtFixedRate(() -> print(err, mirror.count()), every, every, TimeUnit.MILLISECONDS);
                try {
                    mirror.run();
                } finally {
                    ticker.shutdownNow();
                    print(err, mirror.count());
                }
            }
        }
        return 0;
    }

    private static void print(PrintWriter err, long count) {
        synchronized (err) {
            err.println(count);
            err.flush();
        }
    }

    /**
     * The destination's configuration: the profile {@code --to} (from the same profile file), else the
     * built-in defaults, with DEST_ENDPOINTS and the {@code --dest-*} flags over it; the global timeouts
     * apply to both clusters. The source's environment variables ({@code GOOETCD_ENDPOINTS},
     * {@code ETCDCTL_USER}, ...) do not apply to the destination.
     */
    private EtcdConfig destConfig() {
        var c = root().connection;
        Overrides o = Overrides.builder()
                .cluster(to)
                .endpoints(destination)
                .user(destUser)
                .password(destPassword)
                .passwordFile(destPasswordFile)
                .cacert(destCacert)
                .cert(destCert)
                .key(destKey)
                .insecureSkipTlsVerify(destInsecureSkipTlsVerify)
                .dialTimeout(c.dialTimeout)
                .commandTimeout(c.commandTimeout)
                .keepaliveTime(c.keepaliveTime)
                .keepaliveTimeout(c.keepaliveTimeout)
                .build();
        Map<String, String> env = new HashMap<>();
        ctx().env().forEach((k, v) -> {
            if (!k.startsWith(ProfileResolver.ENV_PREFIX) && !k.startsWith(ProfileResolver.ETCDCTL_PREFIX)) {
                env.put(k, v);
            }
        });
        ProfileFile file = to == null ? ProfileFile.empty() : root().profileFile();
        Resolved r;
        try {
            r = ProfileResolver.resolve(file, o, env, ctx().home());
        } catch (EtcdException e) {
            throw new EtcdException(e.kind(), "destination: " + e.getMessage(), e);
        }
        PrintWriter err = err();
        for (String w : r.warnings()) {
            if (to != null && file.warnings().contains(w)) {
                continue; // about the profile file, which the source's resolution has warned of already
            }
            err.println("Warning: destination: " + w);
        }
        err.flush();
        if (r.passwordNeeded()) {
            String user = r.config().username();
            if (ctx().passwordPrompt() == null) {
                throw EtcdException.invalid(
                        "destination user '" + user + "' needs a password: use --dest-password-file,"
                                + " --dest-user NAME:PASSWORD, or run on a terminal to be asked for it");
            }
            char[] pw = ctx().passwordPrompt().apply("Destination Password: ");
            if (pw == null) {
                throw EtcdException.invalid("no password entered for destination user '" + user + "'");
            }
            r = r.withPassword(new String(pw));
            java.util.Arrays.fill(pw, '\0');
        }
        EtcdConfig config = r.config();
        if (!destInsecureTransport && !config.tls().enabled()) {
            config = config.toBuilder().tls(config.tls().withEnabled(true)).build();
        }
        return config;
    }
}
