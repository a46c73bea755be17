package io.homefleet.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The real hub for other modules' tests: its jar (built earlier in the reactor) run as its own process, with its
 * embedded PostgreSQL under a test directory. Started until a health probe answers; stopped with its children
 * (PostgreSQL) and waited for, so it can be started again on the same port and data.
 */
public final class HubJar implements AutoCloseable {
    public static final Path JAR = Path.of("..", "hub", "target", "quarkus-app", "quarkus-run.jar");

    private final Path dir;
    private final List<String> properties;
    private Process process;

    /** {@code properties} are system properties ({@code key=value}) beside the data directory under {@code dir}. */
    public HubJar(Path dir, List<String> properties) {
        this.dir = dir;
        this.properties = List.copyOf(properties);
    }

    public Path log() {
        return dir.resolve("hub.log");
    }

    /** Starts the hub and waits until {@code healthy} answers true (an IOException counts as "not yet"). */
    public synchronized void start(Callable<Boolean> healthy, Duration timeout) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("the hub jar " + JAR.toAbsolutePath() + " is absent: build the hub first "
                    + "(./mvnw -B -ntp -pl hub -am install -DskipTests)");
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dhomefleet.hub.data-dir=" + dir.resolve("hub-data")));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(healthy.call())) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not become healthy; its log: " + Files.readString(log()));
            }
            Thread.sleep(200);
        }
    }

    /** Stops the hub and its PostgreSQL and waits until both are gone. */
    public synchronized void stop() {
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
