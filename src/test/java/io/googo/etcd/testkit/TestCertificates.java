package io.googo.etcd.testkit;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time with BouncyCastle (RSA 2048, SHA-256, valid from an hour ago for a day;
 * the keys are made once per JVM and reused),
 * written as PEM files into a temp folder of their own that {@link #close()} deletes:
 *
 * <ul>
 *   <li>a self-signed CA ({@link #caCert()}, {@link #caKey()});</li>
 *   <li>a server certificate signed by it for IP 127.0.0.1 and DNS localhost, usable for serverAuth and
 *       clientAuth (etcd's own gateway presents it as a client certificate);</li>
 *   <li>a client certificate signed by it, CN=client, clientAuth;</li>
 *   <li>a second, unrelated CA and a client certificate (CN=client) signed by it, for "wrong CA" tests.</li>
 * </ul>
 *
 * Private keys are PKCS#8 "PRIVATE KEY" PEM; the client key is also written as PKCS#1
 * "RSA PRIVATE KEY" PEM ({@link #clientKeyPkcs1()}).
 */
public final class TestCertificates implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate caCertificate;
    private final KeyPair clientKeyPair;
    private final X509Certificate clientCertificate;
    private final X509Certificate otherCaCertificate;

    private TestCertificates(
            Path dir,
            X509Certificate caCertificate,
            KeyPair clientKeyPair,
            X509Certificate clientCertificate,
            X509Certificate otherCaCertificate) {
        this.dir = dir;
        this.caCertificate = caCertificate;
        this.clientKeyPair = clientKeyPair;
        this.clientCertificate = clientCertificate;
        this.otherCaCertificate = otherCaCertificate;
    }

    /** Makes all certificates and keys and writes them into a new temp folder. */
    public static TestCertificates create() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("etcd-testkit-certs-");
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
            Date notAfter = Date.from(now.plus(Duration.ofDays(1)));
            String run = KitSupport.randomHex(4);
            KeyPair[] keys = keys();

            KeyPair caKp = keys[0];
            X500Name caName = new X500Name("CN=goo-etcd test CA " + run + ",O=goo-etcd testkit");
            X509Certificate ca = sign(caName, caKp.getPublic(), caName, caKp, null, notBefore, notAfter, Role.CA);

            KeyPair serverKp = keys[1];
            X509Certificate server = sign(
                    new X500Name("CN=127.0.0.1,O=goo-etcd testkit"),
                    serverKp.getPublic(),
                    caName,
                    caKp,
                    ca,
                    notBefore,
                    notAfter,
                    Role.SERVER);

            KeyPair clientKp = keys[2];
            X509Certificate client = sign(
                    new X500Name("CN=client,O=goo-etcd testkit"),
                    clientKp.getPublic(),
                    caName,
                    caKp,
                    ca,
                    notBefore,
                    notAfter,
                    Role.CLIENT);

            KeyPair otherCaKp = keys[3];
            X500Name otherCaName = new X500Name("CN=goo-etcd other CA " + run + ",O=goo-etcd testkit");
            X509Certificate otherCa = sign(
                    otherCaName, otherCaKp.getPublic(), otherCaName, otherCaKp, null, notBefore, notAfter, Role.CA);

            KeyPair otherClientKp = keys[4];
            X509Certificate otherClient = sign(
                    new X500Name("CN=client,O=goo-etcd testkit"),
                    otherClientKp.getPublic(),
                    otherCaName,
                    otherCaKp,
                    otherCa,
                    notBefore,
                    notAfter,
                    Role.CLIENT);

            writePem(dir.resolve("ca.pem"), ca);
            writePem(dir.resolve("ca-key.pem"), new JcaPKCS8Generator(caKp.getPrivate(), null));
            writePem(dir.resolve("server.pem"), server);
            writePem(dir.resolve("server-key.pem"), new JcaPKCS8Generator(serverKp.getPrivate(), null));
            writePem(dir.resolve("client.pem"), client);
            writePem(dir.resolve("client-key.pem"), new JcaPKCS8Generator(clientKp.getPrivate(), null));
            // JcaPEMWriter writes a bare RSA private key as PKCS#1 "RSA PRIVATE KEY"
            writePem(dir.resolve("client-key-pkcs1.pem"), clientKp.getPrivate());
            writePem(dir.resolve("other-ca.pem"), otherCa);
            writePem(dir.resolve("other-ca-key.pem"), new JcaPKCS8Generator(otherCaKp.getPrivate(), null));
            writePem(dir.resolve("other-client.pem"), otherClient);
            writePem(dir.resolve("other-client-key.pem"), new JcaPKCS8Generator(otherClientKp.getPrivate(), null));

            TestCertificates certs = new TestCertificates(dir, ca, clientKp, client, otherCa);
            KitSupport.registerOpen(certs);
            return certs;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            KitSupport.deleteRecursively(dir);
            throw new IllegalStateException("could not make test certificates", e);
        }
    }

    /** The folder holding every PEM file. */
    public Path dir() {
        return dir;
    }

    /** The CA certificate: what clients pass as {@code --cacert} and etcd as {@code --trusted-ca-file}. */
    public Path caCert() {
        return dir.resolve("ca.pem");
    }

    public Path caKey() {
        return dir.resolve("ca-key.pem");
    }

    /** Server certificate for IP 127.0.0.1 and DNS localhost, signed by the CA. */
    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    /** Client certificate CN=client, signed by the CA. */
    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    /** The client key as PKCS#8 "PRIVATE KEY" PEM. */
    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    /** The same client key as PKCS#1 "RSA PRIVATE KEY" PEM. */
    public Path clientKeyPkcs1() {
        return dir.resolve("client-key-pkcs1.pem");
    }

    /** A CA that signed neither the server nor {@link #clientCert()}. */
    public Path otherCaCert() {
        return dir.resolve("other-ca.pem");
    }

    public Path otherCaKey() {
        return dir.resolve("other-ca-key.pem");
    }

    /** A client certificate CN=client signed by the other CA: a server trusting only the CA refuses it. */
    public Path otherClientCert() {
        return dir.resolve("other-client.pem");
    }

    public Path otherClientKey() {
        return dir.resolve("other-client-key.pem");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    public X509Certificate otherCaCertificate() {
        return otherCaCertificate;
    }

    /**
     * An SSLContext that trusts the CA (only) and, when {@code withClientCert}, presents the client
     * certificate.
     */
    public SSLContext sslContext(boolean withClientCert) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);

            KeyManagerFactory kmf = null;
            if (withClientCert) {
                char[] pw = "testkit".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry(
                        "client", clientKeyPair.getPrivate(), pw, new Certificate[] {clientCertificate, caCertificate});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not build an SSLContext from the test certificates", e);
        }
    }

    /** Deletes the folder. */
    @Override
    public void close() {
        KitSupport.unregisterOpen(this);
        KitSupport.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "TestCertificates[" + dir + "]";
    }

    // ---------------------------------------------------------------- making them

    private enum Role {
        CA,
        SERVER,
        CLIENT
    }

    /**
     * RSA 2048 key generation takes 100-300 ms a key here, so the five keys of a set are made once per JVM
     * and reused by every set; the certificates (and CA names) are new each time.
     */
    private static final int KEYS_PER_SET = 5;

    private static KeyPair[] keyCache;

    private static synchronized KeyPair[] keys() throws GeneralSecurityException {
        if (keyCache == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            KeyPair[] keys = new KeyPair[KEYS_PER_SET];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = g.generateKeyPair();
            }
            keyCache = keys;
        }
        return keyCache;
    }

    private static X509Certificate sign(
            X500Name subject,
            PublicKey subjectKey,
            X500Name issuer,
            KeyPair issuerKp,
            X509Certificate issuerCert,
            Date notBefore,
            Date notAfter,
            Role role)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
        X509v3CertificateBuilder b =
                new JcaX509v3CertificateBuilder(issuer, serial, notBefore, notAfter, subject, subjectKey);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
        switch (role) {
            case CA -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            }
            case SERVER -> {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, FreePorts.LOOPBACK),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
            }
            case CLIENT -> {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            default -> throw new IllegalArgumentException(role.toString());
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKp.getPrivate());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
        cert.verify(issuerKp.getPublic());
        return cert;
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }

    /** For tests of the kit: the PEM type line of a file, e.g. "-----BEGIN PRIVATE KEY-----". */
    static List<String> pemHeaders(Path file) {
        return KitSupport.readText(file)
                .lines()
                .filter(l -> l.startsWith("-----BEGIN "))
                .toList();
    }
}
