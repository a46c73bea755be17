package io.homefleet.controller.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Podman's Docker-compatible API ({@code podman system service}) on a Unix socket under target/, with its own storage
 * (nothing shared with other Podman users of this machine), and a local image imported from a busybox rootfs (no
 * registry is reachable). runc and capped ulimits because crun refuses this machine's hybrid cgroups.
 */
public final class PodmanService implements AutoCloseable {
    public static final String IMAGE = "localhost/homefleet-test-busybox:1";
    private final Path dir;
    /** Podman refuses a run root longer than 50 characters, whatever the checkout's path: this one is short. */
    private final Path shortDir;
    private final Path socket;
    private final List<String> names = new ArrayList<>();
    private Process service;

    public PodmanService(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        this.shortDir = Files.createTempDirectory(Path.of("/tmp"), "hfpod");
        this.socket = shortDir.resolve("podman.sock");
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/podman")) && Files.isExecutable(Path.of("/usr/bin/busybox"))
                && (Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")));
    }

    public Path socket() {
        return socket;
    }

    private List<String> podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(),
                "--runroot", shortDir.resolve("run").toString(), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs",
                "--events-backend", "file", "--runtime", "runc"));
        command.addAll(List.of(args));
        return command;
    }

    public PodmanService start() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(Path.of("/usr/bin/busybox"), rootfs.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "true", "false")) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        run(new ProcessBuilder("sh", "-c", "tar -C '" + dir.resolve("rootfs") + "' -c . | "
                + String.join(" ", podman("import", "-", IMAGE))));
        service = new ProcessBuilder(podman("system", "service", "--time=0", "unix://" + socket))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("podman system service did not start: "
                        + Files.readString(dir.resolve("service.log")));
            }
            Thread.sleep(100);
        }
        return this;
    }

    /** Runs a container of the test image with {@code command}; a health check when {@code healthCmd} is set. */
    public void runContainer(String name, String healthCmd, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--pull=never", "--network", "none",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", "--name", name));
        if (healthCmd != null) {
            args.addAll(List.of("--health-cmd", healthCmd, "--health-interval", "0", "--health-retries", "1"));
        }
        args.add(IMAGE);
        args.addAll(List.of(command));
        run(new ProcessBuilder(podman(args.toArray(String[]::new))));
        names.add(name);
    }

    /** Runs a container's health check once (there is no systemd here to run it on a timer). */
    public void healthcheck(String name) throws Exception {
        Process p = new ProcessBuilder(podman("healthcheck", "run", name)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
    }

    public void waitExited(String name) throws Exception {
        run(new ProcessBuilder(podman("wait", name)));
    }

    private void run(ProcessBuilder builder) throws Exception {
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        try {
            if (!names.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
                rm.addAll(names);
                new ProcessBuilder(podman(rm.toArray(String[]::new))).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("rm.log").toFile()).start().waitFor(60, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // best effort; the service is stopped below either way
        }
        if (service != null) {
            service.destroy();
            try {
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            new ProcessBuilder("rm", "-rf", shortDir.toString()).start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // a leftover run root under /tmp is harmless
        }
    }
}
