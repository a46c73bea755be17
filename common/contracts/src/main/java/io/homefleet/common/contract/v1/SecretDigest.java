package io.homefleet.common.contract.v1;

import io.homefleet.common.credential.Tokens;
import java.util.regex.Pattern;

/**
 * How a secret config value travels when it must be compared but never shown: {@code sha256:} followed by the
 * lower-case hex SHA-256 of the value's UTF-8 bytes. The controller reports its secrets in this form
 * ({@link ControllerReport#configValues()}) and the hub digests its own the same way before comparing.
 */
public final class SecretDigest {
    public static final String PREFIX = "sha256:";
    private static final Pattern FORM = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private SecretDigest() {
    }

    /** {@code sha256:<hex>} of the value's UTF-8 bytes. */
    public static String of(String value) {
        return PREFIX + Tokens.sha256Hex(value);
    }

    /** True when the text already has the digest form (so it is never digested twice). */
    public static boolean isDigest(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
