package io.homefleet.common.contract.v1;

import java.util.regex.Pattern;

/** The shape of the identifiers that appear in paths and bodies, in one place so every service checks alike. */
public final class Ids {
    /** Customer and host ids: lower-case DNS labels, 1–63 characters (they end up in hostnames and URLs). */
    public static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    public static final String SLUG_MESSAGE =
            "must be 1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";

    /**
     * A host name as a Proxmox node or a DNS name: dot-separated labels of letters, digits and '-' (never first or
     * last in a label, so a name can never be read as a command-line option), and not an IP address.
     */
    public static final String HOST_NAME = "^(?![0-9.]+$)"
            + "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
    public static final String HOST_NAME_MESSAGE =
            "must be a host name: labels of letters, digits and '-' separated by '.', not starting with '-'";

    private static final Pattern SLUG_PATTERN = Pattern.compile(SLUG);

    private Ids() {
    }

    public static boolean isSlug(String value) {
        return value != null && SLUG_PATTERN.matcher(value).matches();
    }
}
