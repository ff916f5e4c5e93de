package io.googo.etcd.core.config;

import java.nio.file.Path;

/**
 * The global command-line options that shape the connection (CLI.md), each {@code null}
 * when not given. They win over the environment and the profile.
 *
 * @param cluster               {@code -c, --cluster NAME}: the profile to use
 * @param endpoints             {@code --endpoints URL,...} (comma-separated)
 * @param user                  {@code --user NAME} or {@code --user NAME:PASSWORD} (split on the first colon)
 * @param password              {@code --password PW} (draws a warning: visible in {@code ps})
 * @param passwordFile          {@code --password-file FILE} (one trailing newline is dropped)
 * @param cacert                {@code --cacert FILE}
 * @param cert                  {@code --cert FILE}
 * @param key                   {@code --key FILE}
 * @param insecureSkipTlsVerify {@code --insecure-skip-tls-verify}
 * @param dialTimeout           {@code --dial-timeout D}, Go-style
 * @param commandTimeout        {@code --command-timeout D}, Go-style; overrides the profile's {@code request-timeout}
 * @param keepaliveTime         {@code --keepalive-time D}, Go-style; overrides the profile's {@code keepalive-time}
 * @param keepaliveTimeout      {@code --keepalive-timeout D}, Go-style; overrides the profile's {@code keepalive-timeout}
 * @param discoverySrv          {@code --discovery-srv DOMAIN}: endpoints from DNS SRV records ({@link SrvDiscovery})
 * @param discoverySrvName      {@code --discovery-srv-name NAME}: the service name suffix of those records
 * @param insecureDiscovery     {@code --insecure-discovery}: keep the http endpoints found (null: etcdctl's default, true)
 */
public record Overrides(
        String cluster,
        String endpoints,
        String user,
        String password,
        Path passwordFile,
        Path cacert,
        Path cert,
        Path key,
        Boolean insecureSkipTlsVerify,
        String dialTimeout,
        String commandTimeout,
        String keepaliveTime,
        String keepaliveTimeout,
        String discoverySrv,
        String discoverySrvName,
        Boolean insecureDiscovery) {

    /** No option given. */
    public static final Overrides NONE = builder().build();

    /** Only {@code --cluster NAME}. */
    public static Overrides cluster(String name) {
        return builder().cluster(name).build();
    }

    @Override
    public String toString() {
        return "Overrides{cluster=" + cluster + ", endpoints=" + endpoints + ", user="
                + (user == null ? null : user.contains(":") ? user.substring(0, user.indexOf(':')) + ":REDACTED" : user)
                + ", password=" + (password == null ? null : "REDACTED") + ", passwordFile=" + passwordFile
                + ", cacert=" + cacert + ", cert=" + cert + ", key=" + key + ", insecureSkipTlsVerify="
                + insecureSkipTlsVerify + ", dialTimeout=" + dialTimeout + ", commandTimeout=" + commandTimeout
                + ", keepaliveTime=" + keepaliveTime + ", keepaliveTimeout=" + keepaliveTimeout + ", discoverySrv="
                + discoverySrv + ", discoverySrvName=" + discoverySrvName + ", insecureDiscovery="
                + insecureDiscovery + "}";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .cluster(cluster)
                .endpoints(endpoints)
                .user(user)
                .password(password)
                .passwordFile(passwordFile)
                .cacert(cacert)
                .cert(cert)
                .key(key)
                .insecureSkipTlsVerify(insecureSkipTlsVerify)
                .dialTimeout(dialTimeout)
                .commandTimeout(commandTimeout)
                .keepaliveTime(keepaliveTime)
                .keepaliveTimeout(keepaliveTimeout)
                .discoverySrv(discoverySrv)
                .discoverySrvName(discoverySrvName)
                .insecureDiscovery(insecureDiscovery);
    }

    /** Mutable builder; every field starts {@code null}. */
    public static final class Builder {
        private String cluster;
        private String endpoints;
        private String user;
        private String password;
        private Path passwordFile;
        private Path cacert;
        private Path cert;
        private Path key;
        private Boolean insecureSkipTlsVerify;
        private String dialTimeout;
        private String commandTimeout;
        private String keepaliveTime;
        private String keepaliveTimeout;
        private String discoverySrv;
        private String discoverySrvName;
        private Boolean insecureDiscovery;

        private Builder() {}

        public Builder cluster(String v) {
            cluster = v;
            return this;
        }

        public Builder endpoints(String v) {
            endpoints = v;
            return this;
        }

        public Builder user(String v) {
            user = v;
            return this;
        }

        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder passwordFile(Path v) {
            passwordFile = v;
            return this;
        }

        public Builder cacert(Path v) {
            cacert = v;
            return this;
        }

        public Builder cert(Path v) {
            cert = v;
            return this;
        }

        public Builder key(Path v) {
            key = v;
            return this;
        }

        public Builder insecureSkipTlsVerify(Boolean v) {
            insecureSkipTlsVerify = v;
            return this;
        }

        public Builder dialTimeout(String v) {
            dialTimeout = v;
            return this;
        }

        public Builder commandTimeout(String v) {
            commandTimeout = v;
            return this;
        }

        public Builder keepaliveTime(String v) {
            keepaliveTime = v;
            return this;
        }

        public Builder keepaliveTimeout(String v) {
            keepaliveTimeout = v;
            return this;
        }

        public Builder discoverySrv(String v) {
            discoverySrv = v;
            return this;
        }

        public Builder discoverySrvName(String v) {
            discoverySrvName = v;
            return this;
        }

        public Builder insecureDiscovery(Boolean v) {
            insecureDiscovery = v;
            return this;
        }

        public Overrides build() {
            return new Overrides(
                    cluster,
                    endpoints,
                    user,
                    password,
                    passwordFile,
                    cacert,
                    cert,
                    key,
                    insecureSkipTlsVerify,
                    dialTimeout,
                    commandTimeout,
                    keepaliveTime,
                    keepaliveTimeout,
                    discoverySrv,
                    discoverySrvName,
                    insecureDiscovery);
        }
    }
}
