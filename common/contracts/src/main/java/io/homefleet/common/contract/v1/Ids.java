package io.homefleet.common.contract.v1;

import java.util.regex.Pattern;

/** The shape of the identifiers that appear in paths and bodies, in one place so every service checks alike. */
public final class Ids {
    /** Customer and host ids: lower-case DNS labels, 1–63 characters (they end up in hostnames and URLs). */
    public static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    public static final String SLUG_MESSAGE =
            "must be 1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";

    private static final Pattern SLUG_PATTERN = Pattern.compile(SLUG);

    private Ids() {
    }

    public static boolean isSlug(String value) {
        return value != null && SLUG_PATTERN.matcher(value).matches();
    }
}
