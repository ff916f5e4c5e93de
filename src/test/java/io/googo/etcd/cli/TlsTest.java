package io.googo.etcd.cli;

import static io.googo.etcd.cli.CliAssertions.assertCleanError;
import static io.googo.etcd.cli.CliAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestCertificates;
import io.googo.etcd.testkit.TestPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS against an etcd that requires client certificates. */
class TlsTest {
    @RegisterExtension
    static final EtcdExtension etcd =
            EtcdExtension.builder().tls(true).clientCertAuth(true).build();

    private static Cli tls(TestCertificates certs, Path ca, Path key) {
        return Cli.at(etcd.clientUrl())
                .global("--cacert", ca.toString(), "--cert", certs.clientCert().toString(), "--key", key.toString());
    }

    private static String valueOf(String key) {
        return etcd.etcdctl("get", key, "--print-value-only").assertOk().out();
    }

    @Test
    void putAndGetWithCaCertAndClientCertificate(TestCertificates certs, TestPrefix prefix) {
        assertThat(etcd.clientUrl()).startsWith("https://");
        Cli cli = tls(certs, certs.caCert(), certs.clientKey());

        Cli.Result put = cli.run("put", prefix.key("k"), "v1");
        assertOk(put);
        assertThat(put.out()).as(put.toString()).isEqualTo("OK\n");
        assertThat(valueOf(prefix.key("k"))).isEqualTo("v1");

        Cli.Result get = cli.run("get", prefix.key("k"));
        assertOk(get);
        assertThat(get.out()).as(get.toString()).isEqualTo(prefix.key("k") + "\nv1\n");
    }

    @Test
    void pkcs1ClientKeyWorks(TestCertificates certs, TestPrefix prefix) throws IOException {
        assertThat(Files.readString(certs.clientKeyPkcs1())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Cli.Result put = tls(certs, certs.caCert(), certs.clientKeyPkcs1()).run("put", prefix.key("k"), "pkcs1");
        assertOk(put);
        assertThat(put.out()).as(put.toString()).isEqualTo("OK\n");
        assertThat(valueOf(prefix.key("k"))).isEqualTo("pkcs1");
    }

    @Test
    void serverCertificateFromAnotherCaIsRefused(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = tls(certs, certs.otherCaCert(), certs.clientKey())
                .run("put", prefix.key("k"), "v", "--dial-timeout", "500ms");
        String error = assertCleanError(r, 2, etcd.clientUrl());
        assertThat(error).as(r.toString()).contains("TLS", "--cacert").containsAnyOf("certificate", "certification");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void withoutAClientCertificateTheServerRefuses(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = Cli.at(etcd.clientUrl())
                .global("--cacert", certs.caCert().toString())
                .run("put", prefix.key("k"), "v", "--dial-timeout", "500ms");
        String error = assertCleanError(r, 2, etcd.clientUrl());
        assertThat(error).as(r.toString()).containsIgnoringCase("certificate");
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = Cli.at(etcd.clientUrl())
                .global(
                        "--cacert",
                        certs.caCert().toString(),
                        "--cert",
                        certs.otherClientCert().toString(),
                        "--key",
                        certs.otherClientKey().toString())
                .run("put", prefix.key("k"), "v", "--dial-timeout", "500ms");
        String error = assertCleanError(r, 2, etcd.clientUrl());
        assertThat(error).as(r.toString()).containsIgnoringCase("certificate");
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void insecureSkipTlsVerifyWithClientCertificateWorks(TestCertificates certs, TestPrefix prefix) {
        // no --cacert: the JVM's trust store does not know the test CA, so only the flag makes this work
        Cli.Result r = Cli.at(etcd.clientUrl())
                .global(
                        "--insecure-skip-tls-verify",
                        "--cert",
                        certs.clientCert().toString(),
                        "--key",
                        certs.clientKey().toString())
                .run("put", prefix.key("k"), "insecure");
        assertOk(r);
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
        assertThat(valueOf(prefix.key("k"))).isEqualTo("insecure");

        Cli.Result without = Cli.at(etcd.clientUrl())
                .global(
                        "--cert",
                        certs.clientCert().toString(),
                        "--key",
                        certs.clientKey().toString())
                .run("put", prefix.key("k2"), "v", "--dial-timeout", "500ms");
        assertCleanError(without, 2, etcd.clientUrl());
        assertThat(valueOf(prefix.key("k2"))).isEmpty();
    }

    @Test
    void profileWithTlsFieldsWorksLikeTheFlags(TestCertificates certs, TestPrefix prefix, @TempDir Path dir)
            throws IOException {
        // relative paths in a profile are relative to the profile file's directory
        Files.copy(certs.caCert(), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certs.clientCert(), dir.resolve("client.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certs.clientKeyPkcs1(), dir.resolve("client-key.pem"), StandardCopyOption.REPLACE_EXISTING);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                current: secure
                clusters:
                  secure:
                    endpoints: [%s]
                    tls:
                      enabled: true
                      ca-file: ca.pem
                      cert-file: client.pem
                      key-file: client-key.pem
                      server-name: localhost
                  absolute:
                    endpoints: [%s]
                    tls:
                      ca-file: %s
                      cert-file: %s
                      key-file: %s
                """.formatted(
                        etcd.clientUrl().replace("https://", ""),
                        etcd.clientUrl(),
                        certs.caCert(),
                        certs.clientCert(),
                        certs.clientKey()));
        Cli cli = Cli.bare().global("--config", config.toString());

        Cli.Result put = cli.run("put", prefix.key("k"), "from-profile");
        assertOk(put);
        assertThat(put.out()).as(put.toString()).isEqualTo("OK\n");
        assertThat(valueOf(prefix.key("k"))).isEqualTo("from-profile");

        Cli.Result get = cli.run("-c", "absolute", "get", prefix.key("k"), "--print-value-only");
        assertOk(get);
        assertThat(get.out()).as(get.toString()).isEqualTo("from-profile\n");

        // a flag beats the profile's ca-file: the wrong CA makes the same profile fail
        Cli.Result wrongCa = cli.run(
                "put", prefix.key("k2"), "v", "--cacert", certs.otherCaCert().toString(), "--dial-timeout", "500ms");
        assertCleanError(wrongCa, 2, "TLS");
        assertThat(valueOf(prefix.key("k2"))).isEmpty();
    }

    /**
     * A --cacert that does not exist is bad input, exit 3, as a missing --config or --password-file
     * is; said before any connection attempt.
     */
    @Test
    void missingCaCertFileIsBadInput(TestCertificates certs, TestPrefix prefix, @TempDir Path dir) {
        Path missing = dir.resolve("no-such-ca.pem");
        Cli.Result r = tls(certs, missing, certs.clientKey()).run("put", prefix.key("k"), "v");
        assertCleanError(r, 3, missing.toString(), "no such file");
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void certWithoutKeyIsInvalidInput(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = Cli.at(etcd.clientUrl())
                .global(
                        "--cacert",
                        certs.caCert().toString(),
                        "--cert",
                        certs.clientCert().toString())
                .run("put", prefix.key("k"), "v");
        assertCleanError(r, 3, "key");
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void aKeyGivenAsTheCaIsInvalidInput(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = tls(certs, certs.clientKey(), certs.clientKey()).run("put", prefix.key("k"), "v");
        assertCleanError(r, 3, certs.clientKey().toString());
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void aCertificateGivenAsTheKeyIsInvalidInput(TestCertificates certs, TestPrefix prefix) {
        Cli.Result r = tls(certs, certs.caCert(), certs.clientCert()).run("put", prefix.key("k"), "v");
        assertCleanError(r, 3, certs.clientCert().toString());
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }

    @Test
    void plainHttpAgainstATlsServerSuggestsHttps(TestPrefix prefix) {
        String plain = etcd.clientUrl().replace("https://", "http://");
        Cli.Result r = Cli.at(plain).global("--dial-timeout", "2s").run("put", prefix.key("k"), "v");
        assertCleanError(r, 2, plain, "https://");
        assertThat(valueOf(prefix.key("k"))).isEmpty();
    }
}
