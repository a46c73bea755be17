package io.homefleet.common.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The real hub for other modules' tests: its jar (built earlier in the reactor) run as its own process
 * ({@link PackagedApp}), with its embedded PostgreSQL under a test directory.
 */
public final class HubJar implements AutoCloseable {
    public static final Path JAR = PackagedApp.jarOf("hub");

    private final PackagedApp app;

    /** {@code properties} are system properties ({@code key=value}) beside the data directory under {@code dir}. */
    public HubJar(Path dir, List<String> properties) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Dhomefleet.hub.data-dir=" + dir.resolve("hub-data")));
        // benchmarks pass the JVM flags a deployment would use (HUB_JAVA_OPTS, as PROVISIONING_JAVA_OPTS for provisioning)
        options.addAll(PackagedApp.javaOptions("hub.java-opts", "HUB_JAVA_OPTS"));
        properties.forEach(p -> options.add("-D" + p));
        this.app = new PackagedApp("hub", JAR, dir.resolve("hub.log"), options, List.of());
    }

    public Path log() {
        return app.log();
    }

    /** Starts the hub and waits until {@code healthy} answers true (an IOException counts as "not yet"). */
    public void start(Callable<Boolean> healthy, Duration timeout) throws Exception {
        app.start(healthy, timeout);
    }

    /** Stops the hub and its PostgreSQL and waits until both are gone. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
