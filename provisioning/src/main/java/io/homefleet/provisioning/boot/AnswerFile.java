package io.homefleet.provisioning.boot;

import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.config.ServerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the per-host TOML answer file the Proxmox VE 9.x automated installer reads (kebab-case keys, as the
 * installer's own valid answers in the fixtures are written): the host's FQDN, the cluster-wide root password hash,
 * this rebuild's ephemeral public key for root, DHCP on the management NIC pinned by MAC, the server type's boot
 * disk, and the first-boot script and post-installation webhook URLs carrying this install's token.
 */
public final class AnswerFile {
    private AnswerFile() {
    }

    /** The node name: the hostname, prefixed with the server type's hostname_prefix unless it already starts with it. */
    public static String nodeName(String hostId, ServerType type) {
        String prefix = type.hostnamePrefix();
        return hostId.equals(prefix) || hostId.startsWith(prefix + "-") ? hostId : prefix + "-" + hostId;
    }

    public static String fqdn(String hostId, ServerType type, ProvisioningFile config) {
        return nodeName(hostId, type) + "." + config.answer().domain();
    }

    public static String render(String hostId, String mac, ServerType type, ProvisioningFile config,
            String ephemeralPublicKey, String bootToken) {
        ProvisioningFile.Answer a = config.answer();
        String base = config.server().publicUrl();
        String hostUrl = base + "/api/hosts/" + hostId;
        String fingerprint = base.startsWith("https://") && config.server().certFingerprint() != null
                ? config.server().certFingerprint() : null;
        StringBuilder toml = new StringBuilder(1024);
        toml.append("# Homefleet provisioning: answer file for ").append(hostId).append(" (").append(mac).append(")\n");
        toml.append("[global]\n");
        kv(toml, "keyboard", a.keyboard());
        kv(toml, "country", a.country());
        kv(toml, "fqdn", fqdn(hostId, type, config));
        kv(toml, "mailto", a.mailto());
        kv(toml, "timezone", a.timezone());
        kv(toml, "root-password-hashed", config.credentials().rootPasswordHash());
        toml.append("root-ssh-keys = ").append(array(List.of(ephemeralPublicKey))).append('\n');
        toml.append("\n[network]\n");
        kv(toml, "source", "from-dhcp");
        toml.append("\n[network.interface-name-pinning]\n");
        toml.append("enabled = true\n");
        toml.append("\n[network.interface-name-pinning.mapping]\n");
        toml.append(quote(mac)).append(" = ").append(quote(type.managementNic())).append('\n');
        toml.append("\n[disk-setup]\n");
        kv(toml, "filesystem", a.filesystem());
        toml.append("disk-list = ").append(array(List.of(type.bootDiskName()))).append('\n');
        if (a.filesystem().equals("zfs")) {
            kv(toml, "zfs.raid", "raid0");
        } else if (a.filesystem().equals("btrfs")) {
            kv(toml, "btrfs.raid", "raid0");
        }
        toml.append("\n[first-boot]\n");
        kv(toml, "source", "from-url");
        kv(toml, "ordering", "network-online");
        kv(toml, "url", hostUrl + "/first-boot-script?token=" + URLEncoder.encode(bootToken, StandardCharsets.UTF_8));
        if (fingerprint != null) {
            kv(toml, "cert-fingerprint", fingerprint);
        }
        toml.append("\n[post-installation-webhook]\n");
        kv(toml, "url", hostUrl + "/installed");
        kv(toml, "auth-token", bootToken);
        if (fingerprint != null) {
            kv(toml, "cert-fingerprint", fingerprint);
        }
        return toml.toString();
    }

    private static void kv(StringBuilder toml, String key, String value) {
        toml.append(key).append(" = ").append(quote(value)).append('\n');
    }

    private static String array(List<String> values) {
        return "[" + String.join(", ", values.stream().map(AnswerFile::quote).toList()) + "]";
    }

    /** A TOML basic string. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
