package io.homefleet.sensorproxy.support;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A real certificate authority for mTLS tests: issues client certificates with BouncyCastle. */
public final class TestCa {
    public final KeyPair key;
    public final X509Certificate certificate;

    public TestCa(String name) throws Exception {
        this.key = ec();
        this.certificate = sign(name, key, name, key, true);
    }

    public void writePem(Path file) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certificate);
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    /** A PKCS#12 key store holding a fresh client key and its certificate signed by this CA. */
    public KeyStore issueClient(String name, char[] password) throws Exception {
        KeyPair client = ec();
        X509Certificate cert = sign(name, client, certificate.getSubjectX500Principal().getName(), key, false);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", client.getPrivate(), password, new Certificate[] {cert, certificate});
        return ks;
    }

    /**
     * Writes a server certificate this CA signed (names as DNS and IP subject alternative names) and its PKCS#8
     * key, both PEM, for a TLS server such as the hub.
     */
    public X509Certificate issueServer(String name, Path certPem, Path keyPem, String... altNames) throws Exception {
        KeyPair server = ec();
        X509Certificate cert = server(name, server, altNames);
        writePem(certPem, cert);
        writePem(keyPem, new JcaPKCS8Generator(server.getPrivate(), null).generate());
        return cert;
    }

    /** The same kind of server certificate, as a PKCS#12 key store (for a JDK TLS server). */
    public KeyStore serverKeyStore(String name, char[] password, String... altNames) throws Exception {
        KeyPair server = ec();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", server.getPrivate(), password, new Certificate[] {server(name, server, altNames), certificate});
        return ks;
    }

    private X509Certificate server(String name, KeyPair server, String... altNames) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500Name(certificate.getSubjectX500Principal().getName()), BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + name),
                server.getPublic());
        GeneralName[] names = new GeneralName[altNames.length];
        for (int i = 0; i < altNames.length; i++) {
            names[i] = new GeneralName(altNames[i].matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                    altNames[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static void writePem(Path file, Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
