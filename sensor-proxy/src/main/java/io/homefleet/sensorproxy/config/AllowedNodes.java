package io.homefleet.sensorproxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The nodes this proxy may read: names, IPs and CIDR networks, already normalized. */
public final class AllowedNodes {
    private final List<String> entries;
    private final List<Cidr> networks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public AllowedNodes(List<String> entries) {
        this.entries = List.copyOf(entries);
        for (String e : entries) {
            if (e.contains("/") || Cidr.isLiteral(e)) {
                networks.add(Cidr.parse(e));
            } else {
                names.add(e.toLowerCase(Locale.ROOT));
            }
        }
    }

    public List<String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Names match exactly (case-insensitively); IP literals match any listed address or network. */
    public boolean permits(String node) {
        if (Cidr.isLiteral(node)) {
            return networks.stream().anyMatch(n -> n.contains(node));
        }
        String lower = node.toLowerCase(Locale.ROOT);
        return names.contains(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    /** Entries a sweep can address: names and single addresses (networks cannot be enumerated). */
    public List<String> sweepTargets() {
        return entries.stream().filter(e -> !e.contains("/")).toList();
    }
}
