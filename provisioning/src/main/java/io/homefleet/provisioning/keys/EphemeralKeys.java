package io.homefleet.provisioning.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The one-rebuild Ed25519 key pair a new host trusts for root (the answer file's {@code root-ssh-keys}). The private
 * half exists only sealed by {@link SecretBox} in the database and in memory during a join; it is never logged.
 */
@ApplicationScoped
public class EphemeralKeys {
    @Inject
    SecretBox box;

    @jakarta.annotation.PostConstruct
    void providers() {
        SecurityProviders.ensureOwnBouncyCastle();
    }

    /** A fresh pair: the public key in OpenSSH form and the sealed private key. */
    public record Issued(String publicKey, byte[] sealedPrivateKey) {
        @Override
        public String toString() {
            return "Issued[" + publicKey + ", private key hidden]";
        }
    }

    public Issued generate(String hostId) {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            String publicKey = PublicKeyEntry.toString(pair.getPublic()) + " homefleet-provisioning@" + hostId;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "homefleet-provisioning@" + hostId, null, out);
            return new Issued(publicKey, box.seal(out.toByteArray(), hostId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key pair back from its sealed form, for one SSH session. */
    public KeyPair open(String hostId, byte[] sealed) {
        byte[] pem = box.open(sealed, hostId);
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ephemeral:" + hostId),
                    new ByteArrayInputStream(pem), null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IllegalStateException("the stored ephemeral key of " + hostId + " holds no key pair");
            }
            return it.next();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the stored ephemeral key of " + hostId, e);
        } finally {
            java.util.Arrays.fill(pem, (byte) 0);
        }
    }

    /** The key's type and base64 ("ssh-ed25519 AAAA..."), without the comment: how authorized_keys lines are matched. */
    public static String keyMaterial(String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        return parts.length >= 2 ? parts[0] + " " + parts[1] : publicKey.trim();
    }
}
