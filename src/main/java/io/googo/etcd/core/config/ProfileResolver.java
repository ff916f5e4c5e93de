package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a profile file, the command-line {@link Overrides} and the environment into one
 * {@link EtcdConfig}: command-line flag &gt; environment variable &gt; profile &gt;
 * {@link EtcdConfig#defaults()}.
 *
 * <p>Profile choice: {@code --cluster} &gt; {@code $GOOETCD_CLUSTER} &gt; the file's
 * {@code current} &gt; the file's only profile; with no file (or no profile in it) the
 * built-in {@code local}.
 *
 * <p>Environment: {@code GOOETCD_CLUSTER}, {@code GOOETCD_ENDPOINTS}, {@code GOOETCD_USER},
 * {@code GOOETCD_PASSWORD}, {@code GOOETCD_CACERT}, {@code GOOETCD_CERT}, {@code GOOETCD_KEY},
 * {@code GOOETCD_DIAL_TIMEOUT}, {@code GOOETCD_COMMAND_TIMEOUT}; each but the first is also
 * read as {@code ETCDCTL_*} when the {@code GOOETCD_*} one is unset. An empty variable
 * counts as unset.
 *
 * <p>Password: {@code --password}, else the password part of {@code --user NAME:PW}, else
 * {@code --password-file}, else the password part of {@code $GOOETCD_USER}, else
 * {@code $GOOETCD_PASSWORD}, else the profile's {@code password} / {@code password-env} /
 * {@code password-file} — the latter only when the user name in effect is the profile's
 * (a user from the command line or environment does not get another user's password).
 * A user with no password anywhere gives {@link Resolved#passwordNeeded()}.
 *
 * <p>Relative {@code password-file}, {@code ca-file}, {@code cert-file} and
 * {@code key-file} paths in the profile are resolved against the profile file's directory;
 * {@code ~/} means the home directory ({@code $HOME}). Paths from flags and the environment
 * are taken as given.
 *
 * <p>Either a complete, valid configuration comes back or an {@link EtcdException} of
 * kind INVALID_INPUT whose one-line message names the source (flag, variable, or
 * {@code FILE:LINE:COL: clusters.NAME.field}) and never holds a secret.
 */
public final class ProfileResolver {
    public static final String ENV_PREFIX = "GOOETCD_";
    public static final String ETCDCTL_PREFIX = "ETCDCTL_";
    public static final String ENV_CLUSTER = "GOOETCD_CLUSTER";

    /**
     * The dial timeout when nothing named the endpoints ({@link Resolved#builtinFallback()}) and
     * nothing set a dial timeout: etcdctl's default, 2s. A refused connection is retried for the
     * dial timeout (an etcd starting up); on the loopback default a local etcd that is not there
     * after 2s is not coming, so a first {@code get} without a profile says so sooner.
     */
    public static final Duration BUILTIN_DIAL_TIMEOUT = Duration.ofSeconds(2);

    private ProfileResolver() {}

    /**
     * Resolves the configuration to connect with.
     *
     * @param file      the profile file, {@link ProfileFile#empty()} or {@code null} when there is none
     * @param overrides the command-line options ({@link Overrides#NONE} for none)
     * @param env       the environment (e.g. {@code System.getenv()}); also where {@code password-env} is read
     * @throws EtcdException INVALID_INPUT for an unknown or ambiguous profile, a bad flag or
     *                       variable value, an unset {@code password-env}, an unreadable
     *                       {@code password-file}, or an invalid combination
     */
    public static Resolved resolve(ProfileFile file, Overrides overrides, Map<String, String> env) {
        return resolve(file, overrides, env, null);
    }

    /**
     * {@link #resolve(ProfileFile, Overrides, Map)} with {@code ~} in profile paths as {@code home}
     * ({@code null}: {@code $HOME} of {@code env}, else {@code user.home}).
     */
    public static Resolved resolve(ProfileFile file, Overrides overrides, Map<String, String> env, Path home) {
        return new Run(
                        file == null ? ProfileFile.empty() : file,
                        overrides == null ? Overrides.NONE : overrides,
                        Objects.requireNonNull(env, "env"),
                        home)
                .resolve();
    }

    /** A value and where it came from: a flag, a variable name, or a profile field. */
    private record Setting(String value, String origin) {}

    private static final class Run {
        private final ProfileFile file;
        private final Overrides o;
        private final Map<String, String> env;
        private final Path home;
        private final List<String> warnings = new ArrayList<>();
        private String name;
        private Profile prof;

        Run(ProfileFile file, Overrides o, Map<String, String> env, Path home) {
            this.file = file.orBuiltin();
            this.o = o;
            this.env = env;
            this.home = home;
        }

        Resolved resolve() {
            chooseProfile();
            warnings.addAll(file.warnings());
            EtcdConfig.Builder b = EtcdConfig.builder();

            // endpoints
            Setting envEndpoints = env("ENDPOINTS", true);
            if (o.endpoints() != null) {
                b.endpoints(Endpoints.parseList(o.endpoints(), "--endpoints"));
            } else if (envEndpoints != null) {
                List<String> fromEnv = Endpoints.parseList(envEndpoints.value(), envEndpoints.origin());
                if (!file.isBuiltin()
                        && prof.endpoints() != null
                        && !prof.endpoints().equals(fromEnv)) {
                    warnings.add(envEndpoints.origin() + " overrides the endpoints of profile '" + name + "'");
                }
                b.endpoints(fromEnv);
            } else if (prof.endpoints() != null) {
                b.endpoints(prof.endpoints());
            }
            // nothing named the endpoints: the built-in local's, where etcd either runs or does not
            boolean fallback = file.isBuiltin() && o.endpoints() == null && envEndpoints == null;

            auth(b);

            // timeouts
            Duration dial = duration(
                    o.dialTimeout(),
                    "--dial-timeout",
                    "DIAL_TIMEOUT",
                    prof.dialTimeout(),
                    fallback ? BUILTIN_DIAL_TIMEOUT : EtcdConfig.defaults().dialTimeout());
            b.dialTimeout(dial);
            // --discovery-srv: as etcdctl, the SRV records' endpoints win over every other, unless there are none
            if (o.discoverySrv() != null && !o.discoverySrv().isEmpty()) {
                List<String> found = SrvDiscovery.endpoints(
                        new JndiSrvLookup(),
                        o.discoverySrv(),
                        o.discoverySrvName(),
                        o.insecureDiscovery() == null || o.insecureDiscovery(),
                        dial);
                if (!found.isEmpty()) {
                    b.endpoints(Endpoints.parseList(String.join(",", found), "--discovery-srv"));
                }
            }
            b.requestTimeout(duration(
                    o.commandTimeout(),
                    "--command-timeout",
                    "COMMAND_TIMEOUT",
                    prof.requestTimeout(),
                    EtcdConfig.defaults().requestTimeout()));

            // the rest comes from the profile only
            b.namespace(prof.namespace());
            b.keepaliveTime(duration(
                    o.keepaliveTime(),
                    "--keepalive-time",
                    "KEEPALIVE_TIME",
                    prof.keepaliveTime(),
                    EtcdConfig.defaults().keepaliveTime()));
            b.keepaliveTimeout(duration(
                    o.keepaliveTimeout(),
                    "--keepalive-timeout",
                    "KEEPALIVE_TIMEOUT",
                    prof.keepaliveTimeout(),
                    EtcdConfig.defaults().keepaliveTimeout()));
            if (prof.autoSyncInterval() != null) {
                b.autoSyncInterval(prof.autoSyncInterval());
            }
            if (prof.maxSendMessageSize() != null) {
                b.maxSendMessageSize(prof.maxSendMessageSize());
            }
            if (prof.maxReceiveMessageSize() != null) {
                b.maxReceiveMessageSize(prof.maxReceiveMessageSize());
            }
            if (prof.compression() != null) {
                b.compression(prof.compression());
            }
            if (prof.grpcDebugLog() != null) {
                b.grpcDebugLog(prof.grpcDebugLog());
            }

            b.tls(tls());

            EtcdConfig config;
            try {
                config = b.build();
            } catch (EtcdException e) {
                throw EtcdException.invalid("profile '" + name + "' ("
                        + (file.isBuiltin() && file.source().isEmpty() ? "built-in" : file.display()) + "): "
                        + e.getMessage());
            }
            return new Resolved(
                    config, name, config.username() != null && config.password() == null, warnings, fallback);
        }

        // ------------------------------------------------------------ profile

        private void chooseProfile() {
            String origin;
            Setting envCluster = env("CLUSTER", false);
            if (o.cluster() != null) {
                name = o.cluster();
                origin = "--cluster";
            } else if (envCluster != null) {
                name = envCluster.value();
                origin = envCluster.origin();
            } else if (file.current() != null) {
                name = file.current();
                origin = "current";
            } else if (file.profiles().size() == 1) {
                name = file.names().get(0);
                origin = "the only profile";
            } else {
                throw EtcdException.invalid(file.display() + ": no current profile and "
                        + file.profiles().size()
                        + " profiles (" + String.join(", ", file.names())
                        + "); name the profile to use, or set current: in the file");
            }
            if (name.isBlank()) {
                throw EtcdException.invalid(origin + ": empty profile name");
            }
            prof = file.profiles().get(name);
            if (prof != null) {
                return;
            }
            String known = "known profiles: " + String.join(", ", file.names());
            if (origin.equals("current")) {
                throw EtcdException.invalid(
                        file.where("current") + ": current: no profile '" + name + "' in the file; " + known);
            }
            if (file.isBuiltin()) {
                throw EtcdException.invalid(origin + ": unknown profile '" + name + "'; "
                        + (file.source().isEmpty()
                                ? "there is no profile file"
                                : file.display() + " defines no profiles")
                        + ", so the only profile is the built-in '" + ProfileFile.BUILTIN_PROFILE + "'");
            }
            throw EtcdException.invalid(
                    origin + ": unknown profile '" + name + "' in " + file.display() + "; " + known);
        }

        // ------------------------------------------------------------ auth

        private void auth(EtcdConfig.Builder b) {
            String username = null;
            String userPassword = null;
            String userOrigin = null;
            Setting envUser = env("USER", true);
            if (o.user() != null) {
                userOrigin = "--user";
                String[] split = splitUser(o.user(), userOrigin);
                username = split[0];
                userPassword = split[1];
            } else if (envUser != null) {
                userOrigin = envUser.origin();
                String[] split = splitUser(envUser.value(), userOrigin);
                username = split[0];
                userPassword = split[1];
            } else if (prof.username() != null) {
                userOrigin = "profile";
                username = prof.username();
            }

            boolean flagPassword = o.password() != null && !o.password().isEmpty();
            boolean flagUserPassword = "--user".equals(userOrigin) && userPassword != null;
            if (flagPassword && flagUserPassword) {
                throw EtcdException.invalid("--user NAME:PASSWORD and --password both give a password; use one");
            }
            if (o.passwordFile() != null && (flagPassword || flagUserPassword)) {
                throw EtcdException.invalid("--password-file and a password on the command line (--password or"
                        + " --user NAME:PASSWORD) both give a password; use one");
            }

            String password = null;
            String passwordOrigin = null;
            Setting envPassword = env("PASSWORD", true);
            if (flagPassword) {
                password = o.password();
                passwordOrigin = "--password";
                warnings.add("--password is visible to other users of this machine (ps, shell history);"
                        + " prefer --password-file or GOOETCD_PASSWORD");
            } else if (flagUserPassword) {
                password = userPassword;
                passwordOrigin = "--user";
                warnings.add("a password in --user NAME:PASSWORD is visible to other users of this machine"
                        + " (ps, shell history); prefer --password-file or GOOETCD_PASSWORD");
            } else if (o.passwordFile() != null) {
                password = readPasswordFile(o.passwordFile(), "--password-file");
                passwordOrigin = "--password-file";
            } else if (userOrigin != null
                    && !userOrigin.startsWith("-")
                    && !userOrigin.equals("profile")
                    && userPassword != null) {
                password = userPassword;
                passwordOrigin = userOrigin;
            } else if (envPassword != null) {
                if (username != null) {
                    password = envPassword.value();
                    passwordOrigin = envPassword.origin();
                }
                // without any user name an ambient GOOETCD_PASSWORD is ignored
            } else if (prof.hasPasswordSource()
                    && (prof.username() == null || prof.username().equals(username))) {
                String key = prof.password() != null
                        ? "password"
                        : prof.passwordEnv() != null ? "password-env" : "password-file";
                if (username == null) {
                    throw EtcdException.invalid(field(key) + ": the profile gives a password but no username;"
                            + " set username (or give a user name)");
                }
                password = profilePassword(key);
                passwordOrigin = "profile";
            }
            if (password != null && username == null) {
                throw EtcdException.invalid(passwordOrigin + ": a password was given without a user name;"
                        + " give a user name, or set username in the profile");
            }
            b.username(username);
            b.password(password);
        }

        private static String[] splitUser(String value, String origin) {
            int colon = value.indexOf(':');
            String user = colon < 0 ? value : value.substring(0, colon);
            String password = colon < 0 ? null : value.substring(colon + 1);
            if (user.isEmpty()) {
                throw EtcdException.invalid(origin + ": empty user name; write NAME or NAME:PASSWORD");
            }
            return new String[] {user, password == null || password.isEmpty() ? null : password};
        }

        private String profilePassword(String key) {
            switch (key) {
                case "password":
                    return prof.password();
                case "password-env": {
                    String var = prof.passwordEnv();
                    String v = env.get(var);
                    if (v == null || v.isEmpty()) {
                        throw EtcdException.invalid(field(key) + ": environment variable " + var
                                + " is unset or empty (profile '" + name + "' reads its password from it)");
                    }
                    return v;
                }
                default:
                    return readPasswordFile(resolvePath(prof.passwordFile()), field(key));
            }
        }

        private static String readPasswordFile(Path p, String what) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw EtcdException.invalid(what + ": cannot read password file " + p + ": no such file");
            } catch (AccessDeniedException e) {
                throw EtcdException.invalid(what + ": cannot read password file " + p + ": permission denied");
            } catch (IOException e) {
                throw EtcdException.invalid(what + ": cannot read password file " + p + ": "
                        + (Files.isDirectory(p)
                                ? "is a directory"
                                : e.getClass().getSimpleName()));
            }
            String s;
            try {
                s = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw EtcdException.invalid(what + ": password file " + p + " is not UTF-8 text");
            }
            if (s.endsWith("\r\n")) {
                s = s.substring(0, s.length() - 2);
            } else if (s.endsWith("\n")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty()) {
                throw EtcdException.invalid(what + ": password file " + p + " is empty");
            }
            return s;
        }

        // ------------------------------------------------------------ timeouts and TLS

        private Duration duration(
                String flag, String flagName, String envSuffix, Duration fromProfile, Duration fallback) {
            if (flag != null) {
                return Durations.parsePositive(flag, flagName);
            }
            Setting s = env(envSuffix, true);
            if (s != null) {
                return Durations.parsePositive(s.value(), s.origin());
            }
            return fromProfile != null ? fromProfile : fallback;
        }

        private TlsConfig tls() {
            Profile.Tls t = prof.tls();
            Path ca = path(o.cacert(), "CACERT", t.caFile());
            Path cert = path(o.cert(), "CERT", t.certFile());
            Path key = path(o.key(), "KEY", t.keyFile());
            boolean insecure = o.insecureSkipTlsVerify() != null
                    ? o.insecureSkipTlsVerify()
                    : Boolean.TRUE.equals(t.insecureSkipVerify());
            return new TlsConfig(Boolean.TRUE.equals(t.enabled()), ca, cert, key, t.serverName(), insecure);
        }

        private Path path(Path flag, String envSuffix, Path fromProfile) {
            if (flag != null) {
                return flag;
            }
            Setting s = env(envSuffix, true);
            if (s != null) {
                try {
                    return Path.of(s.value());
                } catch (InvalidPathException e) {
                    throw EtcdException.invalid(s.origin() + ": not a valid path: " + e.getReason());
                }
            }
            return fromProfile == null ? null : resolvePath(fromProfile);
        }

        /** A profile path: {@code ~/} is the home directory, a relative one is relative to the file's directory. */
        private Path resolvePath(Path p) {
            String s = p.toString();
            if (s.equals("~") || s.startsWith("~/")) {
                Path h = home != null ? home : ProfileLocator.home(env);
                return s.length() <= 2 ? h : h.resolve(s.substring(2));
            }
            if (p.isAbsolute()) {
                return p;
            }
            Path dir = file.source().map(f -> f.toAbsolutePath().getParent()).orElse(null);
            return dir == null ? p : dir.resolve(p).normalize();
        }

        // ------------------------------------------------------------ helpers

        /** {@code GOOETCD_<suffix>}, else (when allowed) {@code ETCDCTL_<suffix>}; empty counts as unset. */
        private Setting env(String suffix, boolean etcdctlToo) {
            String g = ENV_PREFIX + suffix;
            String v = env.get(g);
            if (v != null && !v.isEmpty()) {
                return new Setting(v, g);
            }
            if (etcdctlToo) {
                String e = ETCDCTL_PREFIX + suffix;
                v = env.get(e);
                if (v != null && !v.isEmpty()) {
                    return new Setting(v, e);
                }
            }
            return null;
        }

        /** {@code FILE:LINE:COL: clusters.NAME.key} for messages about a profile field. */
        private String field(String key) {
            String path = "clusters." + name + "." + key;
            return file.where(path) + ": " + path;
        }
    }
}
