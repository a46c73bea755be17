package io.homefleet.provisioning.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Proxmox VE 9.x automated installer's rules for an answer file, as its own test fixtures show them (valid and
 * invalid answers with the installer's error texts): parse errors first ({@code error parsing answer.toml: ...}),
 * then the checks on values, with the installer's wording. Provisioning checks every answer it generates with these
 * rules before a host gets it, so a mistake in provisioning.yaml or server-types.yaml shows up here, named, instead
 * of as an installer stuck on a console.
 */
public final class AnswerRules {
    private static final TomlMapper TOML = new TomlMapper();
    private static final String PARSE = "error parsing answer.toml: ";
    private static final Set<String> FILESYSTEMS = Set.of("ext4", "xfs", "zfs", "btrfs");
    private static final Map<String, Integer> ZFS_MIN_DISKS = Map.of("raid0", 1, "raid1", 2, "raid10", 4,
            "raidz-1", 3, "raidz-2", 4, "raidz-3", 5);
    private static final Map<String, Integer> BTRFS_MIN_DISKS = Map.of("raid0", 1, "raid1", 2, "raid10", 4);

    /** What DHCP told the installer (only needed for {@code fqdn.source = "from-dhcp"}). */
    public record RunEnv(String dhcpHostname, String dhcpDomain) {
        public static final RunEnv NONE = new RunEnv(null, null);
    }

    /** The installer's verdict: {@code errors} empty means accepted; warnings are what 9.x would log. */
    public record Verdict(List<String> errors, List<String> warnings) {
        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    private AnswerRules() {
    }

    public static Verdict check(String toml, RunEnv env) {
        List<String> warnings = new ArrayList<>();
        ObjectNode root;
        try {
            JsonNode tree = TOML.readTree(toml);
            if (!(tree instanceof ObjectNode o)) {
                return new Verdict(List.of(PARSE + "not a TOML table"), warnings);
            }
            root = kebab(o, "", warnings);
        } catch (JsonProcessingException e) {
            return new Verdict(List.of(PARSE + e.getOriginalMessage()), warnings);
        }
        List<String> parse = new ArrayList<>();
        parseChecks(root, parse);
        if (!parse.isEmpty()) {
            return new Verdict(parse, warnings);
        }
        List<String> errors = new ArrayList<>();
        valueChecks(root, env, errors);
        return new Verdict(errors, warnings);
    }

    /** Structure and types, as serde reports them while reading the file. */
    private static void parseChecks(ObjectNode root, List<String> errors) {
        for (String section : List.of("global", "network", "disk-setup")) {
            if (!root.path(section).isObject()) {
                errors.add(PARSE + "missing field `" + section + "`");
                return;
            }
        }
        JsonNode global = root.get("global");
        for (String key : List.of("keyboard", "country", "mailto", "timezone")) {
            if (!global.path(key).isTextual()) {
                errors.add(PARSE + "missing field `" + key + "`");
                return;
            }
        }
        JsonNode fqdn = global.get("fqdn");
        if (fqdn == null) {
            errors.add(PARSE + "missing field `fqdn`");
            return;
        }
        if (fqdn.isTextual()) {
            String name = fqdn.asText();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1 || !name.matches("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")) {
                errors.add(PARSE + "either a fully-qualified domain name or extendend configuration for usage with DHCP "
                        + "must be specified");
                return;
            }
        } else if (!fqdn.isObject() || !"from-dhcp".equals(fqdn.path("source").asText())) {
            errors.add(PARSE + "either a fully-qualified domain name or extendend configuration for usage with DHCP "
                    + "must be specified");
            return;
        }
        JsonNode network = root.get("network");
        String source = network.path("source").asText("");
        if (!source.equals("from-dhcp") && !source.equals("from-answer")) {
            errors.add(PARSE + "unknown variant `" + source + "`, expected `from-dhcp` or `from-answer`");
            return;
        }
        if (source.equals("from-answer")) {
            if (!cidr(network.path("cidr").asText("")) || !ip(network.path("dns").asText(""))
                    || !ip(network.path("gateway").asText(""))) {
                errors.add(PARSE + "invalid IP address");
                return;
            }
            if (!network.path("filter").isObject()) {
                errors.add(PARSE + "missing field `filter`");
                return;
            }
        }
        JsonNode disk = root.get("disk-setup");
        if (!FILESYSTEMS.contains(disk.path("filesystem").asText(""))) {
            errors.add(PARSE + "unknown variant `" + disk.path("filesystem").asText("") + "`, expected one of `ext4`, "
                    + "`xfs`, `zfs`, `btrfs`");
            return;
        }
        JsonNode firstBoot = root.get("first-boot");
        if (firstBoot != null) {
            String fbSource = firstBoot.path("source").asText("");
            if (!fbSource.equals("from-iso") && !fbSource.equals("from-url")) {
                errors.add(PARSE + "unknown variant `" + fbSource + "`, expected `from-iso` or `from-url`");
                return;
            }
            if (firstBoot.has("ordering") && !Set.of("before-network", "network-online", "fully-up")
                    .contains(firstBoot.get("ordering").asText())) {
                errors.add(PARSE + "unknown variant `" + firstBoot.get("ordering").asText()
                        + "`, expected one of `before-network`, `network-online`, `fully-up`");
                return;
            }
        }
        JsonNode webhook = root.get("post-installation-webhook");
        if (webhook != null && !webhook.path("url").isTextual()) {
            errors.add(PARSE + "missing field `url`");
        }
    }

    /** The checks the installer runs on a parsed answer, in its order, with its words. */
    private static void valueChecks(ObjectNode root, RunEnv env, List<String> errors) {
        JsonNode global = root.get("global");
        boolean plain = global.has("root-password");
        boolean hashed = global.has("root-password-hashed");
        if (plain && hashed) {
            errors.add("`global.root-password` and `global.root-password-hashed` cannot be set at the same time");
            return;
        }
        if (!plain && !hashed) {
            errors.add("One of `global.root-password` or `global.root-password-hashed` must be set");
            return;
        }
        if (plain && global.get("root-password").asText().length() < 8) {
            errors.add("`global.root-password` must be at least 8 characters long");
            return;
        }
        JsonNode fqdn = global.get("fqdn");
        if (fqdn.isObject()) {
            if (env.dhcpHostname() == null) {
                errors.add("`global.fqdn.source` set to \"from-dhcp\", but DHCP server did not provide a hostname!");
                return;
            }
            boolean dhcpDomain = env.dhcpDomain() != null && !env.dhcpDomain().isEmpty();
            boolean fallback = fqdn.has("domain") && !fqdn.get("domain").asText().isEmpty();
            if (!dhcpDomain && !fallback) {
                errors.add("no domain received from DHCP server and `global.fqdn.domain` is unset!");
                return;
            }
        }
        JsonNode mapping = root.path("network").path("interface-name-pinning").path("mapping");
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getValue().asText();
            if (name.length() > 15) {
                errors.add("interface name '" + name + "' for '" + e.getKey().toLowerCase(Locale.ROOT)
                        + "' cannot be longer than 15 characters");
                return;
            }
        }
        JsonNode disk = root.get("disk-setup");
        List<String> disks = new ArrayList<>();
        disk.path("disk-list").forEach(d -> disks.add(d.asText()));
        if (disks.isEmpty() && !disk.path("filter").isObject()) {
            errors.add("Need either 'disk-list' or 'filter' set");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String d : disks) {
            if (!seen.add(d)) {
                errors.add("List of disks contains duplicate device " + d);
                return;
            }
        }
        String filesystem = disk.get("filesystem").asText();
        if (filesystem.equals("zfs") || filesystem.equals("btrfs")) {
            String raid = disk.path(filesystem).path("raid").asText("raid0").toLowerCase(Locale.ROOT);
            Map<String, Integer> min = filesystem.equals("zfs") ? ZFS_MIN_DISKS : BTRFS_MIN_DISKS;
            Integer needed = min.get(raid);
            if (needed == null) {
                errors.add("unknown " + filesystem + " RAID level " + raid);
                return;
            }
            if (!disks.isEmpty() && disks.size() < needed) {
                errors.add((filesystem.equals("zfs") ? "ZFS " : "Btrfs ") + raid.toUpperCase(Locale.ROOT)
                        + " needs at least " + needed + " disks, got " + disks.size());
                return;
            }
        }
        JsonNode lvm = disk.path("lvm");
        if (lvm.has("swapsize") && lvm.has("hdsize")) {
            BigDecimal swap = lvm.get("swapsize").decimalValue();
            BigDecimal half = lvm.get("hdsize").decimalValue().divide(BigDecimal.valueOf(2));
            if (swap.compareTo(half) > 0) {
                errors.add("Swap size " + plainNumber(swap) + " GiB cannot be greater than " + plainNumber(half)
                        + " GiB (hard disk size / 2)");
            }
        }
    }

    /**
     * The same tree with kebab-case keys: 8.2–8.3 wrote snake_case, which 9.x still reads with a warning. Udev
     * property names under {@code filter} and MACs under {@code mapping} are values, not keys of the format.
     */
    private static ObjectNode kebab(ObjectNode node, String path, List<String> warnings) {
        ObjectNode out = node.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            boolean verbatim = path.endsWith("filter.") || path.endsWith("mapping.");
            if (!verbatim && key.contains("_")) {
                String canonical = key.replace('_', '-');
                warnings.add("`" + path + key + "` is the old snake_case spelling; write `" + path + canonical + "`");
                key = canonical;
            }
            JsonNode value = e.getValue();
            out.set(key, value instanceof ObjectNode o && !verbatim ? kebab(o, path + key + ".", warnings) : value);
        }
        return out;
    }

    private static String plainNumber(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static boolean cidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = value.substring(0, slash);
        if (!ip(address)) {
            return false;
        }
        try {
            int prefix = Integer.parseInt(value.substring(slash + 1));
            return prefix >= 0 && prefix <= (address.contains(":") ? 128 : 32);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean ip(String value) {
        if (value.isEmpty() || !value.matches("^[0-9A-Fa-f:.]+$")) {
            return false;
        }
        if (!value.contains(":")) {
            String[] parts = value.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        try {
            InetAddress.getByName(value); // a literal: no lookup happens for an IPv6 literal
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
