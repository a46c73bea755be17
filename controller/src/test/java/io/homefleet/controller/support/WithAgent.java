package io.homefleet.controller.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A controller configured against the real agent jar: controller.yaml with the agent's endpoint, the fingerprint of
 * the certificate it serves and a guest token it minted; a hub that is not there (the hub link only spools). Also a
 * loop device holding an ext4 file system (data-bearing, not in use) for the format refusal, when this machine allows
 * loop devices. Tests read the paths as config values {@code test.*}.
 */
public class WithAgent implements QuarkusTestResourceLifecycleManager {
    public static final int VMID = 9200;
    private AgentJar agent;
    private String loopDevice;
    private Path loopFile;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "with-agent-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            agent = new AgentJar(dir.resolve("agent"));
            String token = agent.mintGuestToken(VMID);
            agent.start();
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Path tokenFile = secret(etc.resolve("guest.token"), token);
            Path keyFile = secret(etc.resolve("customer.key"), io.homefleet.common.credential.Tokens.generate(
                    io.homefleet.common.credential.TokenKind.CUSTOMER));
            int noHub;
            try (ServerSocket s = new ServerSocket(0)) {
                noHub = s.getLocalPort();
            }
            Path config = etc.resolve("controller.yaml");
            Files.writeString(config, """
                    customer:
                      id: demo-felhom
                      name: Felhom Demo
                      domain: demo-felhom.eu
                    hub:
                      url: http://127.0.0.1:%d
                      customer_key_file: %s
                      allow_plain_http: true
                    local_api:
                      endpoint: %s
                      fingerprint: %s
                      token_file: %s
                      vmid: %d
                    docker:
                      socket: %s
                    state_dir: %s
                    """.formatted(noHub, keyFile, agent.endpoint(), agent.fingerprint(), tokenFile, VMID,
                    dir.resolve("no-docker.sock"), dir.resolve("state")));
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            Map<String, String> props = new HashMap<>();
            props.put("homefleet.controller.config-file", config.toString());
            props.put("homefleet.controller.bootstrap-file", dir.resolve("no-bootstrap.json").toString());
            props.put("test.agent-config", agent.config.toString());
            props.put("test.token-file", tokenFile.toString());
            props.put("test.tank-dir", agent.tankDir.toString());
            props.put("test.loop-device", loop(dir));
            return props;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loop device over a file that holds ext4 (mkfs runs on the file, never on a device); "" when unavailable. */
    private String loop(Path dir) {
        try {
            loopFile = dir.resolve("data.img");
            try (RandomAccessFile raf = new RandomAccessFile(loopFile.toFile(), "rw")) {
                raf.setLength(32L * 1024 * 1024);
            }
            if (run("mkfs.ext4", "-q", "-F", loopFile.toString()).isEmpty()) {
                return "";
            }
            String device = run("losetup", "-f", "--show", loopFile.toString()).orElse("").strip();
            loopDevice = device.startsWith("/dev/loop") ? device : null;
            return loopDevice == null ? "" : loopDevice;
        } catch (IOException e) {
            return "";
        }
    }

    private static java.util.Optional<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? java.util.Optional.of(out)
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static Path secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Override
    public void stop() {
        if (agent != null) {
            agent.close();
        }
        if (loopDevice != null) {
            run("losetup", "-d", loopDevice);
        }
        if (loopFile != null) {
            try {
                Files.deleteIfExists(loopFile);
            } catch (IOException ignored) {
                // under target/
            }
        }
    }
}
