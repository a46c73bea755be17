package io.homefleet.service.tls;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed TLS server certificate (ECDSA P-256, SHA256withECDSA, ten years) for a listener no public CA can
 * vouch for, such as a host's LAN address: clients pin its {@link Fingerprint} instead. Written as PEM: the
 * certificate 0644, the PKCS#8 key 0600, each atomically.
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
    public static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

    /**
     * A new certificate for {@code subject} (an X.500 name such as {@code CN=pve1,O=Homefleet}) valid for each of
     * {@code names} (DNS names or IP literals, as subject alternative names).
     */
    public static SelfSignedCertificate generate(String subject, List<String> names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            // Backdated a little so a client whose clock lags does not refuse a fresh certificate.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String n : names) {
                alternatives.add(new GeneralName(isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            if (!alternatives.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(certificate, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a TLS certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Generates and writes a certificate when neither file exists; otherwise leaves both as they are (one without the
     * other is an error: a kept certificate is never replaced behind the clients that pinned it). Returns the
     * certificate's fingerprint either way.
     */
    public static Fingerprint ensure(Path certificateFile, Path keyFile, String subject, List<String> names)
            throws IOException {
        boolean haveCertificate = Files.exists(certificateFile);
        boolean haveKey = Files.exists(keyFile);
        if (!haveCertificate && !haveKey) {
            generate(subject, names).write(certificateFile, keyFile);
        } else if (!haveCertificate || !haveKey) {
            throw new IOException((haveCertificate ? keyFile : certificateFile) + " is missing while "
                    + (haveCertificate ? certificateFile : keyFile) + " exists; restore it, or remove both to have "
                    + "a new certificate generated (clients that pinned the old one must then pin the new one)");
        }
        return Fingerprint.of(certificateFile);
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }

    /** Writes the key (0600) before the certificate, so a certificate on disk always has its key beside it. */
    public void write(Path certificateFile, Path keyFile) throws IOException {
        AtomicFiles.writeSecret(keyFile, pem(new JcaPKCS8Generator(privateKey, null).generate()));
        AtomicFiles.write(certificateFile, pem(certificate), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The key and certificate as an in-memory PKCS#12 store, for a server that takes a {@code KeyStore}. */
    public java.security.KeyStore toKeyStore(String alias, char[] password) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey, password, new java.security.cert.Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the certificate in a key store: " + e.getMessage(), e);
        }
    }

    private static boolean isIpLiteral(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
