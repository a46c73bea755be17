package io.homefleet.provisioning.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * provisioning.yaml and server-types.yaml for a test boot, under {@code target/}; tests rewrite them (the service
 * reloads changed files) to point at the sshd and hub they start.
 */
public class TestConfigFiles implements QuarkusTestResourceLifecycleManager {
    public static final String SERVER_TYPES = """
            server_types:
              minisforum-ms-01:
                display_name: "Minisforum MS-01"
                boot_disk: "/dev/nvme0n1"
                management_nic: "enp2s0"
                gpu: false
                hostname_prefix: "pve-ms"
              minisforum-um790:
                display_name: "Minisforum UM790 Pro"
                boot_disk: "/dev/nvme0n1"
                management_nic: "enp1s0"
                gpu: true
                hostname_prefix: "pve-um"
            """;

    private static Path dir;

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "provisioning-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static Path configFile() {
        return dir().resolve("provisioning.yaml");
    }

    public static Path typesFile() {
        return dir().resolve("server-types.yaml");
    }

    /** provisioning.yaml with {@code extra} YAML appended at the top level (sections not already present). */
    public static String config(String hubUrl, int sshPort, String extra) {
        return """
                server:
                  public_url: http://127.0.0.1:8090
                pxe:
                  enabled: false
                  installer_dir: %s
                  iso_file: proxmox-ve_9.1-1-auto-from-http-url.iso
                proxmox:
                  existing_node: 10.0.0.11
                  join_fingerprint: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
                  root_password_file: %s
                  cluster_name: homelab
                  ssh_port: %d
                credentials:
                  root_password_hash: "$y$j9T$VgMv8lsz/TEvzesCZU3xD.$SK.h4QW51Jr/EmjuaTz5Bt4kYiX2Iezz6omzoqVEwj9"
                hub:
                  url: %s
                  provisioning_key_file: %s
                  allow_plain_http: true
                answer:
                  keyboard: de
                  country: at
                  timezone: Europe/Vienna
                  mailto: ops@example.net
                  filesystem: ext4
                  domain: lab.example.net
                """.formatted(dir().resolve("installer"), dir().resolve("existing-node-root.password"), sshPort, hubUrl,
                dir().resolve("provisioning.key")) + extra;
    }

    public static void write(String provisioningYaml, String serverTypesYaml) {
        try {
            Files.writeString(configFile(), provisioningYaml);
            Files.writeString(typesFile(), serverTypesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(dir().resolve("installer"));
            Files.writeString(dir().resolve("installer").resolve("vmlinuz"), "not a kernel\n");
            Files.writeString(dir().resolve("existing-node-root.password"), "correct horse battery staple\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(config("http://127.0.0.1:9", 22, ""), SERVER_TYPES);
        return Map.of("homefleet.provisioning.config-file", configFile().toString(),
                "homefleet.provisioning.data-dir", dir().resolve("data").toString());
    }

    @Override
    public void stop() {
    }
}
