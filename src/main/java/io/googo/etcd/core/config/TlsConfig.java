package io.googo.etcd.core.config;

import java.nio.file.Path;

/**
 * Client TLS settings. {@code enabled} is also implied by an {@code https://} endpoint.
 *
 * @param enabled            use TLS even for endpoints written without {@code https://}
 * @param caFile             PEM bundle of trusted CAs; {@code null}: the JVM's trust store
 * @param certFile           client certificate (PEM) for mutual TLS
 * @param keyFile            client key: PEM, PKCS#8 or PKCS#1
 * @param serverName         authority checked against the server certificate
 * @param insecureSkipVerify accept any server certificate (testing only)
 */
public record TlsConfig(
        boolean enabled, Path caFile, Path certFile, Path keyFile, String serverName, boolean insecureSkipVerify) {

    public static final TlsConfig NONE = new TlsConfig(false, null, null, null, null, false);

    /** True when any field asks for TLS. */
    public boolean requested() {
        return enabled || caFile != null || certFile != null || keyFile != null || insecureSkipVerify;
    }

    public TlsConfig withEnabled(boolean on) {
        return new TlsConfig(on, caFile, certFile, keyFile, serverName, insecureSkipVerify);
    }

    public TlsConfig withCaFile(Path p) {
        return new TlsConfig(enabled, p, certFile, keyFile, serverName, insecureSkipVerify);
    }

    public TlsConfig withCertFile(Path p) {
        return new TlsConfig(enabled, caFile, p, keyFile, serverName, insecureSkipVerify);
    }

    public TlsConfig withKeyFile(Path p) {
        return new TlsConfig(enabled, caFile, certFile, p, serverName, insecureSkipVerify);
    }

    public TlsConfig withServerName(String s) {
        return new TlsConfig(enabled, caFile, certFile, keyFile, s, insecureSkipVerify);
    }

    public TlsConfig withInsecureSkipVerify(boolean b) {
        return new TlsConfig(enabled, caFile, certFile, keyFile, serverName, b);
    }
}
