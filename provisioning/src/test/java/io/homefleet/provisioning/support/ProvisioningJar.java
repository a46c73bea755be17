package io.homefleet.provisioning.support;

import io.homefleet.common.testing.PackagedApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged provisioning service as its own process (for restarts, {@link PackagedApp}), with its embedded
 * PostgreSQL under {@code dataDir}; stopped like an operator stops it (SIGTERM), its database child waited for.
 */
public final class ProvisioningJar implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final int port;
    private final PackagedApp app;

    public ProvisioningJar(Path dataDir, Path config, int port, List<String> properties) {
        this.port = port;
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Dhomefleet.provisioning.data-dir=" + dataDir,
                "-Dquarkus.http.port=" + port, "-Dhomefleet.provisioning.operator.token=" + Api.OPERATOR));
        options.addAll(PackagedApp.javaOptions("provisioning.java-opts", "PROVISIONING_JAVA_OPTS"));
        properties.forEach(p -> options.add("-D" + p));
        this.app = new PackagedApp("provisioning", JAR, dataDir.resolveSibling("provisioning.log"), options,
                List.of("--config", config.toString()));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return app.log();
    }

    public void start() throws Exception {
        app.start(PackagedApp.answers200(URI.create(url() + "/q/health/ready")), Duration.ofSeconds(180));
    }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
