package io.homefleet.sensorproxy.config;

import io.homefleet.common.contract.v1.AuthorizedNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The nodes this proxy may read: names, IPs and CIDR networks, already normalized. */
public final class AllowedNodes {
    private final List<String> entries;
    private final List<String> sweepTargets;
    private final List<Cidr> networks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    /** The hub's addresses per node name (IPv4 first); empty for a hand-kept list. */
    private final Map<String, List<String>> addresses;

    /** A hand-kept list: every name and single address is also a sweep target (networks cannot be enumerated). */
    public AllowedNodes(List<String> entries) {
        this(entries, entries.stream().filter(e -> !e.contains("/")).toList(), Map.of());
    }

    private AllowedNodes(List<String> entries, List<String> sweepTargets, Map<String, List<String>> addresses) {
        this.entries = List.copyOf(entries);
        this.sweepTargets = List.copyOf(sweepTargets);
        this.addresses = Map.copyOf(addresses);
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
        Map<String, List<String>> addresses = new LinkedHashMap<>();
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
                String ip = NodeNames.normalizeEntry(n.ip());
                all.add(ip);
                addresses.computeIfAbsent(name, k -> new ArrayList<>()).add(ip);
            }
        }
        addresses.values().forEach(ips -> ips.sort(Comparator.comparing((String ip) -> ip.contains(":"))));
        return new AllowedNodes(List.copyOf(all), List.copyOf(nodeNames), addresses);
    }

    /** The hub's preferred address for a node name (its first IPv4, else its first address), if it gave one. */
    public Optional<String> addressOf(String name) {
        List<String> ips = addresses.get(name.toLowerCase(Locale.ROOT));
        return ips == null || ips.isEmpty() ? Optional.empty() : Optional.of(ips.get(0));
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
