package io.homefleet.service.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A certificate's SHA-256 fingerprint (over its DER encoding), the value services pin where no public CA applies.
 *
 * <p>Written in one form everywhere: upper-case hex pairs separated by colons, as
 * {@code openssl x509 -noout -fingerprint -sha256} prints it, so an operator can compare the two by eye. Read in
 * the common spellings: with or without colons, any case, with an optional {@code sha256:}/{@code SHA256:} prefix
 * or openssl's {@code sha256 Fingerprint=} label.
 */
public final class Fingerprint {
    private static final HexFormat CANONICAL = HexFormat.ofDelimiter(":").withUpperCase();
    private static final Pattern PLAIN = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}");
    private final byte[] sha256;

    private Fingerprint(byte[] sha256) {
        this.sha256 = sha256;
    }

    public static Fingerprint of(Certificate certificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a SHA-256 fingerprint: " + e.getMessage(), e);
        }
    }

    /** The fingerprint of the (first) certificate in a PEM file. */
    public static Fingerprint of(Path pemCertificate) throws IOException {
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            return of(CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (GeneralSecurityException e) {
            throw new IOException(pemCertificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads any accepted spelling.
     *
     * @throws IllegalArgumentException naming what is accepted, when {@code text} is none of them
     */
    public static Fingerprint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no SHA-256 fingerprint given");
        }
        String value = text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sha256 fingerprint=")) {
            value = value.substring("sha256 fingerprint=".length());
        } else if (lower.startsWith("sha256:") || lower.startsWith("sha-256:")) {
            value = value.substring(value.indexOf(':') + 1);
        }
        value = value.strip();
        if (PLAIN.matcher(value).matches()) {
            return new Fingerprint(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
        }
        if (PAIRS.matcher(value).matches()) {
            return new Fingerprint(HexFormat.of().parseHex(value.replace(":", "").toLowerCase(Locale.ROOT)));
        }
        throw new IllegalArgumentException("'" + text.strip() + "' is not a SHA-256 fingerprint: expected 64 hex "
                + "digits, optionally in colon-separated pairs (as openssl x509 -fingerprint -sha256 prints)");
    }

    /** True when {@code text} is a fingerprint in an accepted spelling. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Constant-time comparison with a presented certificate. */
    public boolean matches(Certificate certificate) {
        return MessageDigest.isEqual(sha256, of(certificate).sha256);
    }

    public byte[] bytes() {
        return sha256.clone();
    }

    /** The canonical spelling: {@code AB:CD:...} (32 upper-case hex pairs). */
    @Override
    public String toString() {
        return CANONICAL.formatHex(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && MessageDigest.isEqual(sha256, f.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }
}
