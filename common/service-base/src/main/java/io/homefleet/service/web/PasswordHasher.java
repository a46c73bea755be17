package io.homefleet.service.web;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes ({@code $2b$<cost>$...}, BouncyCastle's {@link OpenBSDBCrypt}). Usable without a running
 * service (the hub's {@code operators} CLI hashes with it too).
 */
public final class PasswordHasher {
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when no account exists, so a wrong name costs as long as a wrong password. */
    private static final String DECOY = hash("decoy password never used", 10);

    private PasswordHasher() {
    }

    /** A new hash of {@code password} with {@code cost} (4..31) and a random salt. */
    public static String hash(CharSequence password, int cost) {
        requireUsable(password);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", toChars(password), salt, cost);
    }

    /**
     * Whether {@code password} matches {@code hash}; a null or malformed hash never matches. The comparison is in
     * constant time (BouncyCastle's), and a null hash still spends one bcrypt round so timing does not tell
     * whether an account exists.
     */
    public static boolean verify(CharSequence password, String hash) {
        if (password == null || password.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(DECOY, toChars(password));
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, toChars(password));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Why {@code password} cannot be used (empty, over 72 bytes), or null when it can. */
    public static String problemWith(CharSequence password) {
        if (password == null || password.length() == 0) {
            return "the password is empty";
        }
        if (password.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "the password is longer than " + MAX_PASSWORD_BYTES + " bytes (bcrypt would ignore the rest)";
        }
        return null;
    }

    private static void requireUsable(CharSequence password) {
        String problem = problemWith(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static char[] toChars(CharSequence password) {
        CharBuffer buffer = CharBuffer.wrap(password);
        char[] chars = new char[buffer.remaining()];
        buffer.get(chars);
        return chars;
    }
}
