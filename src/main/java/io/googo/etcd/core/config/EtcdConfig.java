package io.googo.etcd.core.config;

import io.googo.etcd.core.EtcdException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to connect to one etcd cluster: the library's form of a profile.
 * Immutable; build one with {@link #builder()} or start from {@link #defaults()}.
 * {@link #toString()} never shows the password.
 */
public final class EtcdConfig {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2379";

    private final List<String> endpoints;
    private final String username;
    private final String password;
    private final String namespace;
    private final Duration dialTimeout;
    private final Duration requestTimeout;
    private final Duration keepaliveTime;
    private final Duration keepaliveTimeout;
    private final Duration autoSyncInterval;
    private final int maxSendMessageSize;
    private final int maxReceiveMessageSize;
    private final boolean compression;
    private final boolean grpcDebugLog;
    private final TlsConfig tls;

    private EtcdConfig(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.username = b.username;
        this.password = b.password;
        this.namespace = b.namespace;
        this.dialTimeout = b.dialTimeout;
        this.requestTimeout = b.requestTimeout;
        this.keepaliveTime = b.keepaliveTime;
        this.keepaliveTimeout = b.keepaliveTimeout;
        this.autoSyncInterval = b.autoSyncInterval;
        this.maxSendMessageSize = b.maxSendMessageSize;
        this.maxReceiveMessageSize = b.maxReceiveMessageSize;
        this.compression = b.compression;
        this.grpcDebugLog = b.grpcDebugLog;
        this.tls = b.tls;
    }

    /** {@code http://127.0.0.1:2379}, no auth, no TLS, 5s dial and request timeouts, 2MiB messages. */
    public static EtcdConfig defaults() {
        return builder().build();
    }

    /**
     * A mutable builder, starting from {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration of one profile of a profile file (the YAML the {@code gooetcd} CLI reads,
     * see {@code config.example.yaml}), without the process environment: no {@code GOOETCD_*} or
     * {@code ETCDCTL_*} variable changes anything, and a profile whose password comes from
     * {@code password-env} fails (use {@link #fromProfile(Path, String, Map)} and pass the variables).
     * Relative file paths in the profile are resolved against the file's directory.
     *
     * @param file    the profile file
     * @param profile the profile's name; {@code null} for the file's {@code current:} (or its only profile)
     * @return the configuration
     * @throws EtcdException INVALID_INPUT (or IO for an unreadable file) naming the file, line and
     *                       field that is wrong, or when a user name has no password
     */
    public static EtcdConfig fromProfile(Path file, String profile) {
        return fromProfile(file, profile, Map.of());
    }

    /**
     * As {@link #fromProfile(Path, String)}, with the environment variables to honour (as the CLI does:
     * {@code GOOETCD_ENDPOINTS}, {@code ETCDCTL_USER}, ..., and the variable a {@code password-env}
     * names). Pass {@code System.getenv()} to behave exactly as {@code gooetcd}.
     *
     * @param file    the profile file
     * @param profile the profile's name; {@code null} for the file's {@code current:} (or its only profile)
     * @param env     the variables; empty for none
     * @return the configuration
     */
    public static EtcdConfig fromProfile(Path file, String profile, Map<String, String> env) {
        if (file == null) {
            throw EtcdException.invalid("profile file: no file given");
        }
        ProfileFile pf = ProfileFile.load(file);
        if (profile != null && pf.profile(profile).isEmpty()) {
            throw EtcdException.invalid(file + ": no profile named '" + profile + "'"
                    + (pf.names().isEmpty() ? "" : "; known profiles: " + String.join(", ", pf.names())));
        }
        Resolved r = ProfileResolver.resolve(
                pf, profile == null ? Overrides.NONE : Overrides.cluster(profile), env == null ? Map.of() : env);
        if (r.passwordNeeded()) {
            throw EtcdException.invalid(file + ": profile '" + r.profileName() + "' names user '"
                    + r.config().username() + "' but no password (password, password-file or password-env)");
        }
        return r.config();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public String username() {
        return username;
    }

    /** The password, or {@code null}. Never log it. */
    public String password() {
        return password;
    }

    public String namespace() {
        return namespace;
    }

    public Duration dialTimeout() {
        return dialTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration keepaliveTime() {
        return keepaliveTime;
    }

    public Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    public Duration autoSyncInterval() {
        return autoSyncInterval;
    }

    public int maxSendMessageSize() {
        return maxSendMessageSize;
    }

    public int maxReceiveMessageSize() {
        return maxReceiveMessageSize;
    }

    public boolean compression() {
        return compression;
    }

    public boolean grpcDebugLog() {
        return grpcDebugLog;
    }

    public TlsConfig tls() {
        return tls;
    }

    /** TLS is used when asked for or when any endpoint is {@code https://}. */
    public boolean usesTls() {
        return tls.requested() || endpoints.stream().anyMatch(Endpoints::isTls);
    }

    @Override
    public String toString() {
        return "EtcdConfig{endpoints=" + endpoints + ", username=" + username
                + ", password=" + (password == null ? "null" : "REDACTED") + ", namespace=" + namespace
                + ", dialTimeout=" + Durations.format(dialTimeout) + ", requestTimeout="
                + Durations.format(requestTimeout)
                + ", tls=" + usesTls() + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EtcdConfig c)) {
            return false;
        }
        return endpoints.equals(c.endpoints)
                && Objects.equals(username, c.username)
                && Objects.equals(password, c.password)
                && Objects.equals(namespace, c.namespace)
                && dialTimeout.equals(c.dialTimeout)
                && requestTimeout.equals(c.requestTimeout)
                && keepaliveTime.equals(c.keepaliveTime)
                && keepaliveTimeout.equals(c.keepaliveTimeout)
                && autoSyncInterval.equals(c.autoSyncInterval)
                && maxSendMessageSize == c.maxSendMessageSize
                && maxReceiveMessageSize == c.maxReceiveMessageSize
                && compression == c.compression
                && grpcDebugLog == c.grpcDebugLog
                && tls.equals(c.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoints, username, namespace, dialTimeout, requestTimeout);
    }

    /** Mutable builder; {@link #build()} validates and names the field that is wrong. */
    public static final class Builder {
        private List<String> endpoints = List.of(DEFAULT_ENDPOINT);
        private String username;
        private String password;
        private String namespace;
        private Duration dialTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration keepaliveTime = Duration.ofSeconds(30);
        private Duration keepaliveTimeout = Duration.ofSeconds(10);
        private Duration autoSyncInterval = Duration.ZERO;
        private int maxSendMessageSize = 2 * 1024 * 1024;
        private int maxReceiveMessageSize = 2 * 1024 * 1024;
        private boolean compression;
        private boolean grpcDebugLog;
        private TlsConfig tls = TlsConfig.NONE;

        private Builder() {}

        private Builder(EtcdConfig c) {
            endpoints = c.endpoints;
            username = c.username;
            password = c.password;
            namespace = c.namespace;
            dialTimeout = c.dialTimeout;
            requestTimeout = c.requestTimeout;
            keepaliveTime = c.keepaliveTime;
            keepaliveTimeout = c.keepaliveTimeout;
            autoSyncInterval = c.autoSyncInterval;
            maxSendMessageSize = c.maxSendMessageSize;
            maxReceiveMessageSize = c.maxReceiveMessageSize;
            compression = c.compression;
            grpcDebugLog = c.grpcDebugLog;
            tls = c.tls;
        }

        public Builder endpoints(List<String> v) {
            endpoints = new ArrayList<>(Objects.requireNonNull(v, "endpoints"));
            return this;
        }

        public Builder endpoints(String... v) {
            return endpoints(List.of(v));
        }

        public Builder username(String v) {
            username = v;
            return this;
        }

        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder dialTimeout(Duration v) {
            dialTimeout = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder keepaliveTime(Duration v) {
            keepaliveTime = v;
            return this;
        }

        public Builder keepaliveTimeout(Duration v) {
            keepaliveTimeout = v;
            return this;
        }

        public Builder autoSyncInterval(Duration v) {
            autoSyncInterval = v;
            return this;
        }

        public Builder maxSendMessageSize(int v) {
            maxSendMessageSize = v;
            return this;
        }

        public Builder maxReceiveMessageSize(int v) {
            maxReceiveMessageSize = v;
            return this;
        }

        /**
         * Gzip-compresses requests. etcd 3.4 accepts no compressed request: every call then fails with
         * one error that says to turn compression off.
         *
         * @param v whether to
         * @return this builder
         */
        public Builder compression(boolean v) {
            compression = v;
            return this;
        }

        /**
         * gRPC's own logging (java.util.logging {@code io.grpc}, level FINE) on stderr while a client
         * created with it is open; per process (gRPC's loggers are).
         *
         * @param v whether to
         * @return this builder
         */
        public Builder grpcDebugLog(boolean v) {
            grpcDebugLog = v;
            return this;
        }

        public Builder tls(TlsConfig v) {
            tls = v == null ? TlsConfig.NONE : v;
            return this;
        }

        /**
         * Validates and builds. Endpoints are normalized ({@code host:port} becomes
         * {@code http://host:port}).
         *
         * @throws EtcdException INVALID_INPUT naming the field that is wrong
         */
        public EtcdConfig build() {
            if (endpoints == null || endpoints.isEmpty()) {
                throw EtcdException.invalid("endpoints: at least one endpoint is required");
            }
            List<String> normalized = new ArrayList<>();
            for (String e : endpoints) {
                if (e == null || e.isBlank()) {
                    throw EtcdException.invalid("endpoints: empty endpoint");
                }
                normalized.add(Endpoints.normalize(e, "endpoints"));
            }
            endpoints = normalized;
            positive(dialTimeout, "dial-timeout");
            positive(requestTimeout, "request-timeout");
            positive(keepaliveTime, "keepalive-time");
            positive(keepaliveTimeout, "keepalive-timeout");
            if (autoSyncInterval == null || autoSyncInterval.isNegative()) {
                throw EtcdException.invalid("auto-sync-interval: must be 0s (off) or a positive duration");
            }
            if (maxSendMessageSize <= 0) {
                throw EtcdException.invalid("max-send-message-size: must be positive");
            }
            if (maxReceiveMessageSize <= 0) {
                throw EtcdException.invalid("max-receive-message-size: must be positive");
            }
            if (username != null && username.isEmpty()) {
                throw EtcdException.invalid("username: empty user name");
            }
            if (password != null && username == null) {
                throw EtcdException.invalid("password: a password was given without a username");
            }
            if (namespace != null && namespace.isEmpty()) {
                namespace = null;
            }
            if ((tls.certFile() == null) != (tls.keyFile() == null)) {
                throw EtcdException.invalid("tls: cert-file and key-file must be given together");
            }
            return new EtcdConfig(this);
        }

        private static void positive(Duration d, String field) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw EtcdException.invalid(field + ": must be a positive duration");
            }
        }
    }
}
