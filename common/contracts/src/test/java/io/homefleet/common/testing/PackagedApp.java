package io.homefleet.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor) run
 * as its own process for tests, its output appended to a log file. Started until a health probe answers; stopped as
 * an operator stops it (SIGTERM) with its children (an embedded PostgreSQL) waited for, so it can be started again
 * on the same port and data.
 */
public final class PackagedApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String module;
    private final Path jar;
    private final Path log;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private Process process;

    /**
     * @param module     the service's module, for messages ({@code hub}, {@code provisioning})
     * @param jvmOptions options before {@code -jar} ({@code -Xmx..}, {@code -Dkey=value})
     * @param arguments  the service's own arguments after the jar
     */
    public PackagedApp(String module, Path jar, Path log, List<String> jvmOptions, List<String> arguments) {
        this.module = module;
        this.jar = jar;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
    }

    /** {@code ../<module>/target/quarkus-app/quarkus-run.jar}: another module's jar, seen from a module's directory. */
    public static Path jarOf(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** A probe that is true once a plain GET of {@code url} answers 200 (an IOException counts as "not yet"). */
    public static Callable<Boolean> answers200(URI url) {
        return () -> HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    public Path log() {
        return log;
    }

    /** Starts the service and waits until {@code healthy} answers true (an IOException counts as "not yet"). */
    public synchronized void start(Callable<Boolean> healthy, Duration timeout) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the " + module + " jar " + jar.toAbsolutePath() + " is absent: build it "
                    + "first (./mvnw -B -ntp -pl " + module + " -am install -DskipTests)");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
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
                throw new IllegalStateException(module + " did not become healthy; its log: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    /** Stops the service and its children (its PostgreSQL) and waits until all are gone. */
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

    /**
     * Extra JVM flags for a packaged app in tests and benchmarks (the flags a deployment would use): the system
     * property {@code property}, else the environment variable {@code environment}, split on white space.
     */
    public static List<String> javaOptions(String property, String environment) {
        String options = System.getProperty(property, System.getenv(environment));
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }
}
