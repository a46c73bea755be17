package io.homefleet.hub.catalog;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic-version order for catalog versions and controller tags: numeric parts compared as numbers (a missing
 * part is 0, a leading v ignored), a pre-release ({@code -rc.1}) before its release, pre-release identifiers
 * compared as SemVer 2.0 says; build metadata ignored.
 */
public final class Versions {
    private static final Pattern FORM = Pattern.compile(
            "^v?([0-9]{1,9}(?:\\.[0-9]{1,9}){0,3})(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");
    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    public static boolean isVersion(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** Only for versions {@link #isVersion} accepts. */
    public static int compare(String a, String b) {
        Matcher x = FORM.matcher(a);
        Matcher y = FORM.matcher(b);
        if (!x.matches() || !y.matches()) {
            throw new IllegalArgumentException("not a version: " + (x.matches() ? b : a));
        }
        String[] xs = x.group(1).split("\\.");
        String[] ys = y.group(1).split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            long p = i < xs.length ? Long.parseLong(xs[i]) : 0;
            long q = i < ys.length ? Long.parseLong(ys[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        String pa = x.group(2);
        String pb = y.group(2);
        if (pa == null || pb == null) {
            return pa == null ? (pb == null ? 0 : 1) : -1;
        }
        String[] ia = pa.split("\\.");
        String[] ib = pb.split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            boolean na = ia[i].matches("[0-9]+");
            boolean nb = ib[i].matches("[0-9]+");
            int c = na && nb ? new BigInteger(ia[i]).compareTo(new BigInteger(ib[i]))
                    : na ? -1 : nb ? 1 : ia[i].compareTo(ib[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }
}
