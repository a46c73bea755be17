package io.homefleet.provisioning.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A freshly installed "Proxmox host" for join tests: a real OpenSSH sshd on a loopback address, whose logins run
 * inside this host's own directory ({@code root/} plays its file system) with stand-ins for the Proxmox and systemd
 * commands ({@code pvecm}, {@code systemctl}, {@code sensor-proxy}; see src/test/resources/standins). Its host key is
 * a real one made with ssh-keygen, reported to provisioning the way the installer's webhook does.
 *
 * <p>It stands for a separate machine, so it is kept as cheap as an idle freshly installed host: its own sshd
 * configuration, and logins whose HOME is this host's {@code root/} (not the home of whoever runs the tests, whose
 * shell start-up files could cost more CPU than the command), so a command costs a shell and the stand-in script.
 */
public final class StandInHost implements AutoCloseable {
    public static final String EXISTING_NODE = "10.0.0.11";
    public static final String FINGERPRINT =
            "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
    public static final String ROOT_PASSWORD = "correct horse battery staple";

    private final Path dir;
    private final String address;
    private final int port;
    private Process sshd;

    public StandInHost(Path dir, String address, int port) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        try {
            for (String sub : List.of("bin", "root", "state")) {
                Files.createDirectories(dir.resolve(sub));
            }
            for (String name : List.of("enter", "pvecm", "systemctl", "sensor-proxy")) {
                try (InputStream in = StandInHost.class.getResourceAsStream("/standins/" + name)) {
                    Path target = dir.resolve("bin").resolve(name);
                    Files.write(target, in.readAllBytes());
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.writeString(state("expected-node"), EXISTING_NODE + "\n");
            Files.writeString(state("expected-fingerprint"), FINGERPRINT + "\n");
            Files.writeString(state("expected-password"), ROOT_PASSWORD + "\n");
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + address, "-f",
                    dir.resolve("host_ed25519").toString());
            Files.writeString(dir.resolve("sshd_config"), """
                    Port %d
                    ListenAddress %s
                    HostKey %s
                    PidFile %s
                    AuthorizedKeysFile %s
                    PermitRootLogin prohibit-password
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    UsePAM no
                    StrictModes no
                    ForceCommand %s
                    SetEnv HOME=%s STANDIN_ROOT=%s STANDIN_STATE=%s PATH=%s:/usr/bin:/bin
                    MaxStartups 200
                    """.formatted(port, address, dir.resolve("host_ed25519"), dir.resolve("sshd.pid"),
                    authorizedKeys(), dir.resolve("bin/enter"), dir.resolve("root"), dir.resolve("root"),
                    dir.resolve("state"), dir.resolve("bin")));
            Files.writeString(authorizedKeys(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free TCP port on loopback (the same port is then used on other 127.x addresses too). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StandInHost start() {
        try {
            Path run = Path.of("/run/sshd");
            Files.createDirectories(run);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 200);
                    return this;
                } catch (IOException notYet) {
                    if (!sshd.isAlive()) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String address() {
        return address;
    }

    /** The sshd's process id (its CPU time covers the sessions, shells and stand-ins it ran, once they ended). */
    public long pid() {
        return sshd.pid();
    }

    /** SSH connections this host accepted (sshd's "Accepted publickey" log lines). */
    public long connections() {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? read(log).lines().filter(l -> l.startsWith("Accepted publickey")).count() : 0;
    }

    /** Commands run on this host, one per exec channel (each one login shell). */
    public List<String> commands() {
        Path file = state("commands.log");
        return Files.exists(file) ? read(file).lines().toList() : List.of();
    }

    /** "ssh-ed25519 AAAA... root@..." as the installer's webhook reports it. */
    public String hostPublicKey() {
        return read(dir.resolve("host_ed25519.pub")).trim();
    }

    /** What the installer does with the answer's root-ssh-keys. */
    public void authorize(String publicKeyLine) {
        try {
            Files.writeString(authorizedKeys(), "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 operator@laptop\n"
                    + publicKeyLine + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path authorizedKeys() {
        return dir.resolve("root").resolve("authorized_keys");
    }

    /** A file on the host, by its path relative to the host's root (as provisioning.yaml's new_host paths are). */
    public Path file(String relative) {
        return dir.resolve("root").resolve(relative);
    }

    public Path state(String name) {
        return dir.resolve("state").resolve(name);
    }

    /** The calls a stand-in received, one per line. */
    public List<String> calls(String command) {
        Path file = state(command + ".calls");
        return Files.exists(file) ? read(file).lines().toList() : List.of();
    }

    /** Makes the stand-in {@code command} fail with {@code status} and {@code message} until cleared. */
    public void failOnDemand(String command, int status, String message) {
        try {
            Files.writeString(state("fail-" + command), status + " " + message + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clearFailure(String command) {
        try {
            Files.deleteIfExists(state("fail-" + command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (sshd != null) {
            sshd.destroy();
            try {
                if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                    sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sshd = null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
