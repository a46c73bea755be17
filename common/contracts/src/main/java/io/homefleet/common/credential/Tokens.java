package io.homefleet.common.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Issues and checks bearer tokens: 32 random bytes, base64url, behind a kind prefix. Only the SHA-256 of a
 * token is ever stored; comparisons are constant-time.
 */
public final class Tokens {
    private static final int RANDOM_BYTES = 32;
    /** prefix + 43 base64url characters (32 bytes, unpadded). */
    private static final Pattern SHAPE = Pattern.compile("^hf[a-z]_[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String generate(TokenKind kind) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return kind.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the string has the shape of a Homefleet token (any kind). */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** Constant-time check of a presented token against a stored SHA-256 hash. */
    public static boolean matches(String presented, byte[] storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), storedHash);
    }

    /** Constant-time equality of two secrets of any length (hashes both first so length leaks nothing). */
    public static boolean secretsEqual(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    /**
     * A short label for logs and listings that reveals nothing of the secret: the kind prefix and the first 6 hex
     * digits of the token's SHA-256 after '#', e.g. {@code hfc_#1f2e3d}. Whoever holds a token can match it with
     * {@code printf %s "$TOKEN" | sha256sum | cut -c1-6}.
     */
    public static String hint(String token) {
        if (token == null || token.length() < 4) {
            return "?";
        }
        return token.substring(0, 4) + "#" + sha256Hex(token).substring(0, 6);
    }
}
