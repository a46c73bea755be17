package io.homefleet.controller.support;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.testing.PackagedApp;
import io.homefleet.common.testing.PveshStandIn;
import io.homefleet.service.tls.Fingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real host agent for the controller's tests: its jar (built earlier in the reactor) as its own process, with the
 * agent's pvesh stand-in (Proxmox cannot run here; the stand-in answers what the Proxmox API documents) and a
 * storage directory, its local API on a free loopback port with its own self-signed certificate.
 */
public final class AgentJar implements AutoCloseable {
    public static final Path JAR = PackagedApp.jarOf("agent");
    /** The agent's own stand-in, used as the agent's tests use it. */
    public static final Path PVESH_STANDIN = Path.of("..", "agent", "src", "test", "resources", "proxmox", "pvesh-standin");

    public final Path dir;
    public final Path config;
    /**
     * The {@code tank} storage's path as the stand-in reports it: where a Proxmox directory storage lives. Only shown
     * and compared here (the agent relays it, nothing is written there), so the pages and their screenshots show a
     * host's path, not the test's working directory.
     */
    public final Path tankDir = Path.of("/mnt/pve/tank");
    public final int port;
    private final PackagedApp app;

    public AgentJar(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Path hostKey = this.dir.resolve("host.key");
        Files.writeString(hostKey, Tokens.generate(TokenKind.HOST) + "\n");
        Files.setPosixFilePermissions(hostKey, PosixFilePermissions.fromString("rw-------"));
        Path pvesh = installPvesh();
        int unusedHubPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedHubPort = socket.getLocalPort();
        }
        this.config = Files.writeString(this.dir.resolve("agent.yaml"), """
                hub:
                  url: http://127.0.0.1:%d
                  host_id: pve-ctl-test
                  host_key_file: %s
                  allow_plain_http: true
                  report_interval_seconds: 3600
                local_api:
                  listen_addr: 127.0.0.1:%d
                state_dir: %s
                proxmox:
                  node: pve
                  pvesh: %s
                sensor_proxy:
                  socket: %s
                """.formatted(unusedHubPort, hostKey, port, this.dir.resolve("state"), pvesh,
                this.dir.resolve("sensor-proxy.sock")));
        this.app = new PackagedApp("agent", JAR, this.dir.resolve("agent.log"), List.of("-Xmx128m"),
                List.of("--config", config.toString()));
    }

    private Path installPvesh() throws IOException {
        return PveshStandIn.install(dir, Files.readAllBytes(PVESH_STANDIN), tankDir, Map.of());
    }

    /** {@code agent tokens mint --vmid N}: the token the agent prints once. */
    public String mintGuestToken(int vmid) throws Exception {
        String out = runCli("tokens", "mint", "--config", config.toString(), "--vmid", Integer.toString(vmid)).strip();
        String token = out.lines().filter(l -> l.startsWith("hfg_")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no token in: " + out));
        return token;
    }

    public void start() throws Exception {
        app.start(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        }, Duration.ofSeconds(90));
    }

    /** The SHA-256 of the certificate the agent serves, as a controller pins it. */
    public String fingerprint() throws IOException {
        return Fingerprint.of(dir.resolve("state/tls/local-api.crt")).toString();
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    private String runCli(String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("agent " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        app.stop();
    }
}
