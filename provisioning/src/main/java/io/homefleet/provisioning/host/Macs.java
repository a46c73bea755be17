package io.homefleet.provisioning.host;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One spelling of MAC addresses: lower-case, colon-separated ({@code 52:54:00:12:34:56}). */
public final class Macs {
    private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");

    private Macs() {
    }

    /** Accepts colons, hyphens (iPXE's {@code ${mac:hexhyp}}), dots or none; empty when it is not a MAC. */
    public static Optional<String> normalize(String mac) {
        if (mac == null) {
            return Optional.empty();
        }
        String hex = mac.trim().toLowerCase(Locale.ROOT).replaceAll("[:\\-.]", "");
        if (!HEX12.matcher(hex).matches()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }
}
