package io.homefleet.agent.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.GuestBootstrap;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Writes a guest's bootstrap directory: bootstrap.json, 0600, owned by the guest's root as seen from the host
 * (an unprivileged container's root is a high uid here, e.g. 100000), so only the guest's root can read it.
 */
public class BootstrapWriter {
    public static final String FILE_NAME = "bootstrap.json";
    private static final ObjectMapper JSON = Json.mapper();
    private final int guestRootUid;

    public BootstrapWriter(int guestRootUid) {
        this.guestRootUid = guestRootUid;
    }

    public void write(Path dir, GuestBootstrap bootstrap) throws IOException {
        if (!bootstrap.hub().customerKey().startsWith("hfc_")) {
            // The seed's worst provisioning bug: the host's key baked into the guest. Never again.
            throw new IOException("refusing to write a bootstrap whose hub key is not a customer key (hfc_)");
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeSecret(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bootstrap));
        Files.setAttribute(file, "unix:uid", guestRootUid);
        Files.setAttribute(file, "unix:gid", guestRootUid);
        Files.setAttribute(dir, "unix:uid", guestRootUid);
        Files.setAttribute(dir, "unix:gid", guestRootUid);
    }

    public Optional<GuestBootstrap> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), GuestBootstrap.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
