package io.homefleet.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The agent's pvesh stand-in (Proxmox cannot run here; the stand-in answers what the Proxmox API documents),
 * installed into a test directory with the state it answers from: node {@code pve} with the storages
 * {@code local}, {@code local-lvm} and a directory storage {@code tank}, no containers, and the archives given.
 */
public final class PveshStandIn {
    private static final ObjectMapper JSON = Json.mapper();

    private PveshStandIn() {
    }

    /**
     * Writes {@code script} as {@code <dir>/pvesh-standin} (0700) and its state beside it.
     *
     * @param tankDir  where the {@code tank} storage lives
     * @param archives backup archives the stand-in knows, by volume id, with the config each restores
     * @return the script, to name as {@code proxmox.pvesh} in agent.yaml
     */
    public static Path install(Path dir, byte[] script, Path tankDir, Map<String, Object> archives) throws IOException {
        Path installed = dir.resolve("pvesh-standin");
        Files.write(installed, script);
        Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwx------"));
        Path stateDir = Files.createDirectories(dir.resolve("pvesh-standin-state"));
        ObjectNode state = JSON.createObjectNode();
        state.put("node", "pve");
        state.set("storage_config", JSON.valueToTree(List.of(
                Map.of("storage", "local", "type", "dir", "path", "/var/lib/vz", "content", "backup,iso,vztmpl"),
                Map.of("storage", "local-lvm", "type", "lvmthin", "vgname", "pve", "thinpool", "data",
                        "content", "images,rootdir"),
                Map.of("storage", "tank", "type", "dir", "path", tankDir.toString(), "content", "images,rootdir"))));
        state.set("storage_status", JSON.valueToTree(List.of(
                Map.of("storage", "local", "type", "dir", "content", "backup,iso,vztmpl", "total", 100_000_000_000L,
                        "used", 12_000_000_000L, "avail", 88_000_000_000L, "active", 1, "enabled", 1, "shared", 0),
                Map.of("storage", "local-lvm", "type", "lvmthin", "content", "images,rootdir", "total", 800_000_000_000L,
                        "used", 40_000_000_000L, "avail", 760_000_000_000L, "active", 1, "enabled", 1, "shared", 0),
                Map.of("storage", "tank", "type", "dir", "content", "images,rootdir", "total", 1_000_000_000_000L,
                        "used", 8_000_000_000L, "avail", 992_000_000_000L, "active", 1, "enabled", 1, "shared", 0))));
        state.set("archives", JSON.valueToTree(archives));
        state.set("containers", JSON.createObjectNode());
        Files.writeString(stateDir.resolve("state.json"), JSON.writeValueAsString(state));
        return installed;
    }
}
