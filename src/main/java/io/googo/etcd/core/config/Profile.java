package io.googo.etcd.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One named cluster profile exactly as the profile file wrote it (CONFIG.md). Every field
 * is {@code null} when the profile does not set it; {@link ProfileResolver} fills the gaps
 * from the command line, the environment and {@link EtcdConfig#defaults()}.
 *
 * <p>Values are already checked: endpoints are normalized ({@code http://host:port}),
 * durations and sizes parsed, at most one of {@code password}, {@code password-env} and
 * {@code password-file} is set. Paths are kept as written (relative paths are resolved
 * against the file's directory by the resolver). {@link #toString()} never shows the
 * password.
 *
 * @param endpoints             {@code endpoints}, normalized
 * @param username              {@code username}
 * @param password              {@code password} (inline; discouraged)
 * @param passwordEnv           {@code password-env}: name of the environment variable holding the password
 * @param passwordFile          {@code password-file}: file holding the password
 * @param namespace             {@code namespace}: key prefix every key is read and written under
 * @param dialTimeout           {@code dial-timeout} (positive)
 * @param requestTimeout        {@code request-timeout} (positive)
 * @param keepaliveTime         {@code keepalive-time} (positive)
 * @param keepaliveTimeout      {@code keepalive-timeout} (positive)
 * @param autoSyncInterval      {@code auto-sync-interval} (0 = off)
 * @param maxSendMessageSize    {@code max-send-message-size}, bytes
 * @param maxReceiveMessageSize {@code max-receive-message-size}, bytes
 * @param compression           {@code compression}
 * @param grpcDebugLog          {@code grpc-debug-log}
 * @param tls                   {@code tls:}, never {@code null} ({@link Tls#UNSET} when absent)
 * @param decode                {@code decode}: how the CLI shows values by default ({@code k8s} or
 *                              {@code none}), or null
 * @param json                  {@code json}: which JSON the CLI's {@code -w json} means ({@code etcdctl}:
 *                              etcdctl's, {@code readable}: gooetcd's own), or null
 */
public record Profile(
        List<String> endpoints,
        String username,
        String password,
        String passwordEnv,
        Path passwordFile,
        String namespace,
        Duration dialTimeout,
        Duration requestTimeout,
        Duration keepaliveTime,
        Duration keepaliveTimeout,
        Duration autoSyncInterval,
        Integer maxSendMessageSize,
        Integer maxReceiveMessageSize,
        Boolean compression,
        Boolean grpcDebugLog,
        Tls tls,
        String decode,
        String json) {

    /** A profile that sets nothing. */
    public static final Profile EMPTY = new Profile(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, Tls.UNSET, null,
            null);

    public Profile {
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
        tls = tls == null ? Tls.UNSET : tls;
    }

    /** A profile with only endpoints set. */
    public static Profile ofEndpoints(String... endpoints) {
        return new Profile(
                List.of(endpoints),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Tls.UNSET,
                null,
                null);
    }

    /** True when one of {@code password}, {@code password-env}, {@code password-file} is set. */
    public boolean hasPasswordSource() {
        return password != null || passwordEnv != null || passwordFile != null;
    }

    @Override
    public String toString() {
        return "Profile{endpoints=" + endpoints + ", username=" + username
                + ", password=" + (password == null ? null : "REDACTED") + ", passwordEnv=" + passwordEnv
                + ", passwordFile=" + passwordFile + ", namespace=" + namespace + ", dialTimeout=" + dialTimeout
                + ", requestTimeout=" + requestTimeout + ", keepaliveTime=" + keepaliveTime
                + ", keepaliveTimeout=" + keepaliveTimeout + ", autoSyncInterval=" + autoSyncInterval
                + ", maxSendMessageSize=" + maxSendMessageSize + ", maxReceiveMessageSize=" + maxReceiveMessageSize
                + ", compression=" + compression + ", grpcDebugLog=" + grpcDebugLog + ", tls=" + tls + "}";
    }

    /**
     * The profile's {@code tls:} section as written; {@code null} fields are unset.
     *
     * @param enabled            {@code enabled}
     * @param caFile             {@code ca-file}
     * @param certFile           {@code cert-file}
     * @param keyFile            {@code key-file}
     * @param serverName         {@code server-name}
     * @param insecureSkipVerify {@code insecure-skip-verify}
     */
    public record Tls(
            Boolean enabled, Path caFile, Path certFile, Path keyFile, String serverName, Boolean insecureSkipVerify) {
        public static final Tls UNSET = new Tls(null, null, null, null, null, null);

        public boolean isUnset() {
            return equals(UNSET);
        }
    }
}
