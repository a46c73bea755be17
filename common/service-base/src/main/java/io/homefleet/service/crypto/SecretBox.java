package io.homefleet.service.crypto;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets a service keeps in its database (AES-256-GCM with the JDK's provider), so that a database dump or
 * backup alone never holds a usable secret. Every sealed value is bound to a {@code context} (e.g. the customer and
 * key it belongs to) as associated data: a value copied to another row does not open there.
 *
 * <p>The key is 32 bytes: a file made 0600 at first start in the service's data directory, or given to every
 * replica from one secret (base64). Text values are stored as {@code hfsealed:v1:<base64url>}; a value without that
 * prefix was written before encryption and is returned as it is by {@link #openText}, so existing data keeps working
 * until the service seals it.
 */
public final class SecretBox {
    public static final String TEXT_PREFIX = "hfsealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secrets key must be " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key in {@code file}, made (32 random bytes, 0600) if there is none yet; a race with a peer keeps one. */
    public static SecretBox fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            AtomicFiles.writeSecretIfAbsent(file, fresh);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(file + " must hold " + KEY_BYTES + " bytes (an AES-256 key), not "
                    + bytes.length);
        }
        return new SecretBox(bytes);
    }

    /** A key given as base64 (standard or URL-safe), e.g. from a Kubernetes Secret shared by replicas. */
    public static SecretBox fromBase64(String base64) {
        String trimmed = base64.trim();
        byte[] bytes;
        try {
            bytes = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets key is not base64: " + e.getMessage());
        }
        return new SecretBox(bytes);
    }

    /** {@code iv || ciphertext || tag}, with {@code context} bound as associated data. */
    public byte[] seal(byte[] plain, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** The plain bytes; fails when the key, the context or the bytes are not those it was sealed with. */
    public byte[] open(byte[] box, String context) {
        if (box.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a stored secret is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(box, IV_BYTES, box.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: another secrets key, or the value was "
                    + "moved from where it was sealed", e);
        }
    }

    /** {@code hfsealed:v1:<base64url>} of the text; null stays null. */
    public String sealText(String plain, String context) {
        if (plain == null) {
            return null;
        }
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(seal(plain.getBytes(StandardCharsets.UTF_8), context));
    }

    /** The text {@link #sealText} sealed; a value without the prefix (stored before encryption) as it is. */
    public String openText(String stored, String context) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        byte[] box;
        try {
            box = Base64.getUrlDecoder().decode(stored.substring(TEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret is not valid base64");
        }
        return new String(open(box, context), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(TEXT_PREFIX);
    }
}
