package io.homefleet.sensorproxy.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Node name syntax, shared by the allow-list and every request: a host name (labels of letters, digits,
 * '-' and '_', never starting with '-' so it can never be read as an option), an IP literal, or — in the
 * allow-list only — a CIDR network.
 */
public final class NodeNames {
    public static final int MAX_LENGTH = 253;
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\\.?$");

    private NodeNames() {
    }

    /** Why a requested node name is unusable, or empty when it is fine. */
    public static Optional<String> problem(String node) {
        if (node == null || node.isBlank()) {
            return Optional.of("node name is empty");
        }
        if (node.length() > MAX_LENGTH) {
            return Optional.of("node name is longer than " + MAX_LENGTH + " characters");
        }
        if (node.startsWith("-")) {
            return Optional.of("node name must not start with '-'");
        }
        if (Cidr.isLiteral(node) || HOST.matcher(node).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + printable(node) + "' is not a host name or IP address");
    }

    /** Canonical form of an allow-list entry: lower-case name, canonical IP, network address of a CIDR. */
    public static String normalizeEntry(String entry) {
        String t = entry == null ? "" : entry.trim();
        if (t.contains("/")) {
            return Cidr.parse(t).toString().replaceAll("/(32|128)$", "");
        }
        Optional<String> problem = problem(t);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        if (Cidr.isLiteral(t)) {
            return Cidr.parse(t).toString().replaceAll("/(32|128)$", "");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
