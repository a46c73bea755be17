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
import java.math.BigInteger;
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
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072);
                    AtomicFiles.writeSecret(file, pem(generator.generateKeyPair().getPrivate())
                            .getBytes(StandardCharsets.UTF_8));
                    LOG.infof("Generated the disk-wipe approval signing key in %s (mode 0600)", file);
                }
            }
            pair = read(Files.readString(file, StandardCharsets.UTF_8), file);
            publicPem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
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

    /** RSA (PKCS#1 or PKCS#8, the public half derived) or EC with its public point ("EC PRIVATE KEY"). */
    static KeyPair read(String pem, Path file) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PEMKeyPair keyPair) {
                return converter.getKeyPair(keyPair);
            }
            if (object instanceof PrivateKeyInfo info) {
                PrivateKey key = converter.getPrivateKey(info);
                if (key instanceof RSAPrivateCrtKey rsa) {
                    BigInteger modulus = rsa.getModulus();
                    PublicKey pub = KeyFactory.getInstance("RSA")
                            .generatePublic(new RSAPublicKeySpec(modulus, rsa.getPublicExponent()));
                    return new KeyPair(pub, key);
                }
                throw new GeneralSecurityException(file + ": a PKCS#8 key must be RSA; give an EC key as "
                        + "\"EC PRIVATE KEY\" (openssl ecparam -genkey -name prime256v1)");
            }
        }
        throw new GeneralSecurityException(file + " holds no PEM private key");
    }

    private static String pem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }
}
