package io.homefleet.controller.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.service.tls.Fingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    public static final Path JAR = Path.of("..", "agent", "target", "quarkus-app", "quarkus-run.jar");
    /** The agent's own stand-in, used as the agent's tests use it. */
    public static final Path PVESH_STANDIN = Path.of("..", "agent", "src", "test", "resources", "proxmox", "pvesh-standin");
    private static final ObjectMapper JSON = Json.mapper();

    public final Path dir;
    public final Path config;
    public final Path tankDir;
    public final int port;
    private Process process;

    public AgentJar(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.tankDir = Files.createDirectories(this.dir.resolve("tank"));
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
    }

    private Path installPvesh() throws IOException {
        Path script = dir.resolve("pvesh-standin");
        Files.copy(PVESH_STANDIN, script, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
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
        state.set("archives", JSON.createObjectNode());
        state.set("containers", JSON.createObjectNode());
        Files.writeString(stateDir.resolve("state.json"), JSON.writeValueAsString(state));
        return script;
    }

    /** {@code agent tokens mint --vmid N}: the token the agent prints once. */
    public String mintGuestToken(int vmid) throws Exception {
        String out = runCli("tokens", "mint", "--config", config.toString(), "--vmid", Integer.toString(vmid)).strip();
        String token = out.lines().filter(l -> l.startsWith("hfg_")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no token in: " + out));
        return token;
    }

    public void start() throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("the agent jar " + JAR.toAbsolutePath() + " is absent: build the agent first "
                    + "(./mvnw -B -ntp -pl agent -am install -DskipTests)");
        }
        process = new ProcessBuilder(command("--config", config.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the agent did not start; its log: "
                            + Files.readString(dir.resolve("agent.log")));
                }
                Thread.sleep(200);
            }
        }
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
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
