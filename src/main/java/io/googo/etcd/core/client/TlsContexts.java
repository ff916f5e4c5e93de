package io.googo.etcd.core.client;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.TlsConfig;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the client's TLS settings from PEM files: CA bundle, client certificate, key (PKCS#8
 * or PKCS#1). A file that cannot be read is bad input (exit 3), like every other file the user
 * names (profile file, password file).
 */
final class TlsContexts {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private TlsContexts() {}

    static void configure(SslContextBuilder b, TlsConfig tls) {
        if (tls.insecureSkipVerify()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.caFile() != null) {
            b.trustManager(certificates(tls.caFile(), "ca-file"));
        }
        if (tls.certFile() != null) {
            List<X509Certificate> chain = certificates(tls.certFile(), "cert-file");
            b.keyManager(privateKey(tls.keyFile()), chain.toArray(new X509Certificate[0]));
        }
    }

    static List<X509Certificate> certificates(Path file, String what) {
        byte[] pem = read(file, what);
        try (InputStream in = new ByteArrayInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            cf.generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw EtcdException.invalid(what + ": no certificate in " + file);
            }
            return out;
        } catch (CertificateException | IOException e) {
            throw EtcdException.invalid(what + ": " + file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "key-file"), StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (type.equals("RSA PRIVATE KEY")) {
                return generate(pkcs1ToPkcs8(der), file, "RSA");
            }
            if (type.equals("PRIVATE KEY")) {
                for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException ignored) {
                        // try the next algorithm
                    }
                }
            }
            throw EtcdException.invalid("key-file: " + file + " holds a '" + type
                    + "' key; use an unencrypted PKCS#8 (PRIVATE KEY) or PKCS#1 (RSA PRIVATE KEY) PEM key");
        }
        throw EtcdException.invalid("key-file: no PEM private key in " + file);
    }

    private static PrivateKey generate(byte[] pkcs8, Path file, String alg) {
        try {
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw EtcdException.invalid("key-file: " + file + " is not a valid " + alg + " key");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algId, 0, body, version.length, algId.length);
        System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int len = content.length;
        byte[] lenBytes;
        if (len < 0x80) {
            lenBytes = new byte[] {(byte) len};
        } else if (len < 0x100) {
            lenBytes = new byte[] {(byte) 0x81, (byte) len};
        } else if (len < 0x10000) {
            lenBytes = new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
        } else {
            lenBytes = new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
        }
        byte[] out = new byte[1 + lenBytes.length + len];
        out[0] = (byte) tag;
        System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
        System.arraycopy(content, 0, out, 1 + lenBytes.length, len);
        return out;
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw EtcdException.invalid(what + ": cannot read " + file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw EtcdException.invalid(what + ": cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw EtcdException.invalid(
                    what + ": cannot read " + file + ": "
                            + (Files.isDirectory(file)
                                    ? "is a directory"
                                    : e.getClass().getSimpleName()),
                    e);
        }
    }
}
