package io.homefleet.hub.approval;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.hub.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jboss.logging.Logger;

/**
 * The key approvals are signed with: the configured file, else one generated into the data directory at first
 * start (0600). Agents verify with its public half, {@code GET /api/v1/approvals/public-key}.
 */
@ApplicationScoped
public class ApprovalKeys {
    private static final Logger LOG = Logger.getLogger(ApprovalKeys.class);
    static final String GENERATED_FILE = "approval-signing-key.pem";

    @Inject
    HubConfig hub;

    @Inject
    ApprovalSettings settings;

    private volatile KeyPair pair;
    private volatile String publicPem;

    void start(@Observes StartupEvent event) {
        if (settings.lifetime().isNegative() || settings.lifetime().isZero()
                || settings.lifetime().compareTo(java.time.Duration.ofMinutes(15)) > 0) {
            throw new IllegalStateException("homefleet.hub.approval.lifetime must be more than 0 and at most 15m "
                    + "(agents refuse longer approvals), not " + settings.lifetime());
        }
        load();
    }

    synchronized void load() {
        if (pair != null) {
            return;
        }
        try {
            Path file;
            if (settings.signingKeyFile().isPresent()) {
                file = Path.of(settings.signingKeyFile().get());
                if (!Files.isReadable(file)) {
                    throw new IllegalStateException("homefleet.hub.approval.signing-key-file " + file
                            + " does not exist or is not readable");
                }
            } else {
                file = Path.of(hub.dataDir()).toAbsolutePath().resolve(GENERATED_FILE);
                if (!Files.exists(file)) {
                    // EC P-256 (ES256): generated at once, small signatures; the public half is kept beside it.
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair generated = generator.generateKeyPair();
                    AtomicFiles.writeSecret(file, (pem(generated.getPrivate()) + publicPem(generated.getPublic()))
                            .getBytes(StandardCharsets.UTF_8));
                    LOG.infof("Generated the disk-wipe approval signing key in %s (mode 0600)", file);
                }
            }
            pair = read(Files.readString(file, StandardCharsets.UTF_8), file);
            publicPem = publicPem(pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the approval signing key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the approval signing key: " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        load();
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        load();
        return pair.getPublic();
    }

    /** The public key as PEM "PUBLIC KEY" (SubjectPublicKeyInfo), as the agent's verifier reads it. */
    public String publicKeyPem() {
        load();
        return publicPem;
    }

    /**
     * A private key with its public half: a "PUBLIC KEY" block in the same file, else derived (RSA as PKCS#1 or
     * PKCS#8), else from an "EC PRIVATE KEY" that carries its public point.
     */
    static KeyPair read(String pem, Path file) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair keyPair) {
                    if (keyPair.getPublicKeyInfo() != null) {
                        KeyPair both = converter.getKeyPair(keyPair);
                        privateKey = both.getPrivate();
                        publicKey = publicKey == null ? both.getPublic() : publicKey;
                    } else {
                        privateKey = converter.getPrivateKey(keyPair.getPrivateKeyInfo());
                    }
                } else if (object instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (object instanceof SubjectPublicKeyInfo info) {
                    publicKey = converter.getPublicKey(info);
                }
            }
        }
        if (privateKey == null) {
            throw new GeneralSecurityException(file + " holds no PEM private key");
        }
        if (publicKey == null && privateKey instanceof RSAPrivateCrtKey rsa) {
            publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (publicKey == null) {
            throw new GeneralSecurityException(file + ": add the key's \"PUBLIC KEY\" block to the file (openssl pkey "
                    + "-in key.pem -pubout >> key.pem), or give an RSA key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    static String publicPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String pem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }
}
