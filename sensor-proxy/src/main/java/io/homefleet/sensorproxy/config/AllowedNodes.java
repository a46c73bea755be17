package io.homefleet.sensorproxy.config;

import io.homefleet.common.contract.v1.AuthorizedNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The nodes this proxy may read: names, IPs and CIDR networks, already normalized. */
public final class AllowedNodes {
    private final List<String> entries;
    private final List<String> sweepTargets;
    private final List<Cidr> networks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** A hand-kept list: every name and single address is also a sweep target (networks cannot be enumerated). */
    public AllowedNodes(List<String> entries) {
        this(entries, entries.stream().filter(e -> !e.contains("/")).toList());
    }

    private AllowedNodes(List<String> entries, List<String> sweepTargets) {
        this.entries = List.copyOf(entries);
        this.sweepTargets = List.copyOf(sweepTargets);
        for (String e : entries) {
            if (e.contains("/") || Cidr.isLiteral(e)) {
                networks.add(Cidr.parse(e));
            } else {
                names.add(e.toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * The hub's list: each node may be asked for by its name or any of its addresses, and a sweep reads each
     * node once, by name. One unusable name or address rejects the whole list.
     */
    public static AllowedNodes fromAuthorized(List<AuthorizedNode> nodes) {
        LinkedHashSet<String> nodeNames = new LinkedHashSet<>();
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (AuthorizedNode n : nodes) {
            if (n == null || n.name() == null || n.name().contains("/") || Cidr.isLiteral(n.name().trim())) {
                throw new IllegalArgumentException("node name '" + (n == null ? null : n.name()) + "' is not a host name");
            }
            String name = NodeNames.normalizeEntry(n.name());
            nodeNames.add(name);
            all.add(name);
            if (n.ip() != null) {
                if (!Cidr.isLiteral(n.ip().trim())) {
                    throw new IllegalArgumentException("node '" + name + "': '" + NodeNames.printable(n.ip())
                            + "' is not an IP address");
                }
                all.add(NodeNames.normalizeEntry(n.ip()));
            }
        }
        return new AllowedNodes(List.copyOf(all), List.copyOf(nodeNames));
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

    /** The nodes a sweep reads, each once. */
    public List<String> sweepTargets() {
        return sweepTargets;
    }
}
