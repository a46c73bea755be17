package io.homefleet.provisioning.pxe;

import io.homefleet.common.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-owned network namespaces and links for the PXE tests: created with iproute2, deleted in {@link #close()}
 * in reverse order. Names carry a random suffix so a crashed earlier run never collides with this one.
 */
final class Netns implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff), 16);
    private final List<List<String>> undo = new ArrayList<>();

    /** Skips the calling test unless it can create namespaces, taps and run the PXE programs (CI runs as root). */
    static void assumeAvailable(String... programs) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "PXE tests create network namespaces and need root; running as " + System.getProperty("user.name"));
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun on this machine");
        for (String program : programs) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(program)), program + " is not installed (see "
                    + "provisioning/ci-packages.txt)");
        }
    }

    /** For {@code @EnabledIf}: root, a tun device, iproute2, dnsmasq and QEMU are all there. */
    static boolean pxeBootPossible() {
        return "root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/net/tun"))
                && List.of("/usr/sbin/ip", "/usr/sbin/dnsmasq", "/usr/bin/qemu-system-x86_64").stream()
                        .allMatch(p -> Files.isExecutable(Path.of(p)));
    }

    String name(String base) {
        return "hf" + base + suffix;
    }

    /** Creates namespace {@code name} with loopback up; deleted on close. */
    String namespace(String base) {
        String ns = name(base);
        run("ip", "netns", "add", ns);
        undo.add(List.of("ip", "netns", "del", ns));
        run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** Deleted on close (a veth's peer goes with it). */
    void deleteOnClose(String... command) {
        undo.add(List.of(command));
    }

    static String run(String... command) {
        ProcessRunner.Result result = ProcessRunner.run(List.of(command), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    static List<String> inNamespace(String ns, String... command) {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        words.addAll(List.of(command));
        return words;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            ProcessRunner.run(undo.get(i), COMMAND_TIMEOUT); // best effort: a link may be gone with its namespace
        }
        undo.clear();
    }
}
