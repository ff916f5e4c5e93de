package io.googo.etcd.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The connection flags of CLI.md, accepted before or after the command name. */
public final class ConnectionOptions {
    @Option(
            names = {"-c", "--cluster"},
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            completionCandidates = ProfileCandidates.class,
            description = "Profile from the profile file (default: its 'current', else built-in 'local').")
    public String cluster;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Profile file (default: $GOOETCD_CONFIG, else ~/.config/gooetcd/config.yaml).")
    public Path config;

    @Option(
            names = "--endpoints",
            paramLabel = "URL,...",
            scope = ScopeType.INHERIT,
            description = "Endpoints, overriding the profile's (host:port, http://, https://).")
    public String endpoints;

    @Option(
            names = "--user",
            paramLabel = "NAME[:PASSWORD]",
            scope = ScopeType.INHERIT,
            description = "User name, and optionally the password after a colon.")
    public String user;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            scope = ScopeType.INHERIT,
            description = "Password (visible to other users: prefer --password-file or $GOOETCD_PASSWORD).")
    public String password;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Read the password from FILE.")
    public Path passwordFile;

    @Option(
            names = "--cacert",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Verify the server's certificate with this CA bundle.")
    public Path cacert;

    @Option(
            names = "--cert",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Client certificate for mutual TLS.")
    public Path cert;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Client key for mutual TLS (PEM: PKCS#8 or PKCS#1).")
    public Path key;

    @Option(
            names = "--insecure-skip-tls-verify",
            scope = ScopeType.INHERIT,
            description = "Accept any server certificate (testing only).")
    public Boolean insecureSkipTlsVerify;

    @Option(
            names = "--dial-timeout",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            converter = Converters.PositiveGoDurationText.class,
            description = "Time allowed to connect (default 5s; 2s when nothing names the endpoints).")
    public String dialTimeout;

    @Option(
            names = "--command-timeout",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            converter = Converters.PositiveGoDurationText.class,
            description = "Time allowed for each request (default 5s).")
    public String commandTimeout;

    @Option(
            names = "--keepalive-time",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            converter = Converters.PositiveGoDurationText.class,
            description = "gRPC keepalive ping interval (default 30s; gRPC uses at least 10s).")
    public String keepaliveTime;

    @Option(
            names = "--keepalive-timeout",
            paramLabel = "DURATION",
            scope = ScopeType.INHERIT,
            converter = Converters.PositiveGoDurationText.class,
            description = "Time to wait for a keepalive ping's answer before the connection is closed (default 10s).")
    public String keepaliveTimeout;

    @Option(
            names = {"-d", "--discovery-srv"},
            paramLabel = "DOMAIN",
            scope = ScopeType.INHERIT,
            description = "Endpoints from the DNS SRV records _etcd-client-ssl._tcp.DOMAIN (https) and"
                    + " _etcd-client._tcp.DOMAIN (http); they win over --endpoints, as in etcdctl.")
    public String discoverySrv;

    @Option(
            names = "--discovery-srv-name",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "Service name suffix of the SRV records (_etcd-client-NAME._tcp.DOMAIN).")
    public String discoverySrvName;

    @Option(
            names = "--insecure-discovery",
            paramLabel = "BOOL",
            arity = "0..1",
            scope = ScopeType.INHERIT,
            description = "Keep the http endpoints the SRV records describe (default true, as in etcdctl).")
    public Boolean insecureDiscovery;
}
