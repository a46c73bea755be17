package io.homefleet.provisioning.keys;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.provisioning.config.ProvisioningSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (the ephemeral private keys) with AES-256-GCM. The key is
 * {@code <data-dir>/secrets.key} (0600, made at first start; replicas share it, e.g. from one Kubernetes Secret), so
 * a database dump alone never holds a usable private key.
 */
@ApplicationScoped
public class SecretBox {
    static final String KEY_FILE = "secrets.key";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ProvisioningSettings settings;

    private SecretKey key;

    @PostConstruct
    void init() {
        Path file = Path.of(settings.dataDir()).toAbsolutePath().resolve(KEY_FILE);
        try {
            synchronized (SecretBox.class) {
                if (!Files.exists(file)) {
                    byte[] fresh = new byte[32];
                    RANDOM.nextBytes(fresh);
                    AtomicFiles.writeSecret(file, fresh);
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != 32) {
                throw new IllegalStateException(file + " must hold 32 bytes (an AES-256 key)");
            }
            key = new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** {@code iv || ciphertext+tag}; {@code context} (the host id) is bound as associated data. */
    public byte[] seal(byte[] plain, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public byte[] open(byte[] box, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, box, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(box, IV_BYTES, box.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a stored secret (was " + KEY_FILE + " replaced?)", e);
        }
    }
}
