package io.homefleet.sensorproxy.tls;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
 * The HTTPS listener's certificate. When none is configured, a self-signed ECDSA P-256 certificate is
 * generated at first start (key 0600) and reused afterwards; clients pin its SHA-256 fingerprint, which the
 * proxy logs at start and {@code sensor-proxy tls fingerprint} prints.
 */
public final class TlsMaterial {
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private TlsMaterial() {
    }

    public record Paths(Path certificate, Path key) {
    }

    public static Paths resolve(String configuredCert, String configuredKey, Path stateDir) {
        if (!configuredCert.isBlank()) {
            return new Paths(Path.of(configuredCert), Path.of(configuredKey));
        }
        return new Paths(stateDir.resolve("tls").resolve("server.crt"), stateDir.resolve("tls").resolve("server.key"));
    }

    /** Generates the pair when neither file exists; returns the certificate's fingerprint either way. */
    public static String ensure(Paths paths, String hostName) throws IOException {
        if (!Files.exists(paths.certificate()) && !Files.exists(paths.key())) {
            generate(paths, hostName);
        }
        return fingerprint(paths.certificate());
    }

    static void generate(Paths paths, String hostName) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + hostName + ",O=Homefleet sensor proxy");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, hostName));
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            AtomicFiles.writeSecret(paths.key(), pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            AtomicFiles.write(paths.certificate(), pem(cert), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof JcaPKCS8Generator g ? g.generate() : object);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 over the certificate's DER bytes, as colon-separated upper-case hex (what browsers show). */
    public static String fingerprint(Path certificate) throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return fingerprint(cert);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    }

}
