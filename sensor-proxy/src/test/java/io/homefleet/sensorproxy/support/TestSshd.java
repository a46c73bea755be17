package io.homefleet.sensorproxy.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on loopback for one test: its own host key, config, authorized_keys and log, on a
 * free port, listening on one or more 127.0.0.x addresses. Stopped by its PID.
 */
public final class TestSshd implements AutoCloseable {
    public final Path dir;
    public final int port;
    public final Path authorizedKeys;
    public final Path log;
    private final List<String> addresses;
    private Process process;

    public TestSshd(Path dir, List<String> addresses) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.addresses = List.copyOf(addresses);
        this.port = freePort();
        this.authorizedKeys = dir.resolve("authorized_keys");
        this.log = dir.resolve("sshd.log");
        Files.writeString(authorizedKeys, "");
        newHostKey();
    }

    /** sshd installed, and this test run is root (sshd needs /run/sshd and to switch users). */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")) && isRoot();
    }

    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Replaces the host key, as a reinstalled node (or an impostor) would present. */
    public void newHostKey() throws IOException {
        Files.deleteIfExists(dir.resolve("host_ed25519"));
        Files.deleteIfExists(dir.resolve("host_ed25519.pub"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        StringBuilder config = new StringBuilder();
        config.append("Port ").append(port).append('\n');
        for (String a : addresses) {
            config.append("ListenAddress ").append(a).append('\n');
        }
        config.append("HostKey ").append(dir.resolve("host_ed25519")).append('\n')
                .append("PidFile ").append(dir.resolve("sshd.pid")).append('\n')
                .append("AuthorizedKeysFile ").append(authorizedKeys).append('\n')
                .append("""
                        PermitRootLogin prohibit-password
                        PasswordAuthentication no
                        KbdInteractiveAuthentication no
                        UsePAM no
                        StrictModes no
                        MaxStartups 100:30:200
                        MaxSessions 50
                        LogLevel INFO
                        """);
        Files.writeString(dir.resolve("sshd_config"), config.toString());
        process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(addresses.get(0), port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("sshd exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port);
    }

    /** Stops the listener; sessions already open keep their own processes until the client closes them. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public void authorize(String line) throws IOException {
        Files.writeString(authorizedKeys, line + "\n");
    }

    public long acceptedLogins() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Accepted publickey")).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public static List<String> loopbacks(int count) {
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add("127.0.0." + i);
        }
        return list;
    }
}
