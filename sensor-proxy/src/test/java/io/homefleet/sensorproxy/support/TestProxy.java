package io.homefleet.sensorproxy.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.daemon.RunningProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A whole proxy for a test: a config file in a fresh directory, real socket, real audit log, a real
 * "sensors" program (a script that prints a shared fixture), Micrometer's in-memory registry and Vert.x.
 */
public final class TestProxy implements AutoCloseable {
    public static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "sensors").toAbsolutePath().normalize();

    public final Path dir;
    public final Path socket;
    public final SimpleMeterRegistry registry;
    private final Vertx vertx;
    public final RunningProxy proxy;

    private TestProxy(Path dir, Vertx vertx, RunningProxy proxy, SimpleMeterRegistry registry) {
        this.dir = dir;
        this.registry = registry;
        this.socket = dir.resolve("sp.sock");
        this.vertx = vertx;
        this.proxy = proxy;
    }

    /** A directory any uid can traverse (clients under other uids must reach the socket). */
    public static Path workDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sp");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Starts a proxy whose local "sensors -j" prints {@code fixture}; {@code extraYaml} is appended to the config. */
    public static TestProxy start(Path dir, String fixture, String extraYaml) throws Exception {
        Path sensors = dir.resolve("sensors.sh");
        Files.writeString(sensors, "#!/bin/sh\ncat '" + FIXTURES.resolve(fixture) + "'\nexit 1\n");
        Files.setPosixFilePermissions(sensors, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                node_name: pve-local
                socket_path: sp.sock
                state_dir: state
                audit_log: audit.jsonl
                allowed_nodes_file: allowed_nodes.yaml
                hwmon_dir: no-hwmon
                thermal_dir: no-thermal
                subuid_file: subuid
                subgid_file: subgid
                sensors_command: [%s]
                """.formatted(sensors) + extraYaml);
        Vertx vertx = Vertx.vertx();
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RunningProxy proxy = RunningProxy.start(new ConfigLoader(Map.of()).load(config), registry, vertx);
            return new TestProxy(dir, vertx, proxy, registry);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    public JsonNode call(String requestLine) throws IOException {
        return Json.mapper().readTree(SocketClientMain.call(socket, requestLine + "\n"));
    }

    @Override
    public void close() {
        proxy.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
