package io.homefleet.provisioning.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged provisioning service as its own process (for restarts), with its embedded PostgreSQL under
 * {@code dataDir}; stopped like an operator stops it (SIGTERM), its database child waited for.
 */
public final class ProvisioningJar implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dataDir;
    private final Path config;
    private final int port;
    private final List<String> properties;
    private Process process;

    public ProvisioningJar(Path dataDir, Path config, int port, List<String> properties) {
        this.dataDir = dataDir;
        this.config = config;
        this.port = port;
        this.properties = List.copyOf(properties);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return dataDir.resolveSibling("provisioning.log");
    }

    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dhomefleet.provisioning.data-dir=" + dataDir, "-Dquarkus.http.port=" + port,
                "-Dhomefleet.provisioning.operator.token=" + Api.OPERATOR));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "--config", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("provisioning did not start; its log: " + Files.readString(log()));
    }

    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroy();
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
