package io.homefleet.provisioning.pxe;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small LAN in network namespaces for real PXE boots, as the project's recipes describe it:
 * <pre>
 *   host namespace                 "prov" namespace                       "node" namespace
 *   uplink 10.232.0.2/30 ───veth── uplink0 10.232.0.1/30   (routes)
 *   (the service listens here)     lan0 10.231.0.1/24 ────────veth──────── lan0 ── br0 ── tapN ── QEMU (iPXE ROM)
 *                                  dnsmasq: the LAN's DHCP server (test-owned, plain DHCP + IPv6 RA)
 *                                  dnsmasq: provisioning's proxy-DHCP (the service under test runs it here)
 * </pre>
 * The booting machine gets its address from the plain DHCP server, its boot instructions from the proxy, and
 * reaches the service through the "prov" namespace acting as its router; the host namespace gets one route, to
 * 10.231.0.0/24 over the uplink, removed with the link. The IPv6 router advertisement spares iPXE a ~13 s wait.
 */
final class PxeLan implements AutoCloseable {
    static final String SERVICE_ADDRESS = "10.232.0.2";
    static final String PROV_LAN_ADDRESS = "10.231.0.1";
    static final String LAN_SUBNET = "10.231.0.0/24";
    static final String LAN_INTERFACE = "lan0";

    final Netns net = new Netns();
    final Path dir;
    final String provNs;
    final String nodeNs;
    private final String uplink;
    private Process lanDhcp;
    private int taps;

    private PxeLan(Path dir) {
        this.dir = dir;
        this.provNs = net.namespace("prov");
        this.nodeNs = net.namespace("node");
        this.uplink = net.name("up");
    }

    static PxeLan create(Path dir) throws IOException {
        Files.createDirectories(dir);
        PxeLan lan = new PxeLan(dir.toAbsolutePath());
        try {
            lan.wire();
        } catch (RuntimeException | IOException e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    private void wire() throws IOException {
        String p = provNs;
        String n = nodeNs;
        // host <-> prov: the uplink the service is reached over
        Netns.run("ip", "link", "add", uplink, "type", "veth", "peer", "name", "uplink0", "netns", p);
        net.deleteOnClose("ip", "link", "del", uplink);
        Netns.run("ip", "addr", "add", SERVICE_ADDRESS + "/30", "dev", uplink);
        Netns.run("ip", "link", "set", uplink, "up");
        Netns.run("ip", "route", "add", LAN_SUBNET, "via", "10.232.0.1", "dev", uplink);
        Netns.run("ip", "-n", p, "addr", "add", "10.232.0.1/30", "dev", "uplink0");
        Netns.run("ip", "-n", p, "link", "set", "uplink0", "up");
        Netns.run("ip", "netns", "exec", p, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // prov <-> node: the LAN, bridged to the machines' taps
        Netns.run("ip", "-n", p, "link", "add", LAN_INTERFACE, "type", "veth", "peer", "name", "lan0", "netns", n);
        Netns.run("ip", "-n", p, "addr", "add", PROV_LAN_ADDRESS + "/24", "dev", LAN_INTERFACE);
        Netns.run("ip", "-n", p, "addr", "add", "fd00:231::1/64", "dev", LAN_INTERFACE, "nodad");
        Netns.run("ip", "-n", p, "link", "set", LAN_INTERFACE, "up");
        Netns.run("ip", "-n", n, "link", "add", "br0", "type", "bridge");
        Netns.run("ip", "-n", n, "link", "set", "lan0", "master", "br0");
        Netns.run("ip", "-n", n, "link", "set", "lan0", "up");
        Netns.run("ip", "-n", n, "link", "set", "br0", "up");
        startLanDhcp();
    }

    /** The LAN's own DHCP server: addresses, the router, and IPv6 router advertisements. */
    private void startLanDhcp() throws IOException {
        Path conf = dir.resolve("lan-dhcp.conf");
        Files.writeString(conf, String.join("\n",
                "port=0",
                "interface=" + LAN_INTERFACE,
                "bind-interfaces",
                "dhcp-range=10.231.0.50,10.231.0.99,255.255.255.0,1h",
                "dhcp-option=3," + PROV_LAN_ADDRESS,
                "dhcp-leasefile=" + dir.resolve("lan-dhcp.leases"),
                "pid-file=" + dir.resolve("lan-dhcp.pid"),
                "enable-ra",
                "dhcp-range=::,constructor:" + LAN_INTERFACE + ",ra-only",
                "log-facility=-",
                "") + "\n");
        lanDhcp = new ProcessBuilder(Netns.inNamespace(provNs, "/usr/sbin/dnsmasq", "--keep-in-foreground",
                "--conf-file=" + conf)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("lan-dhcp.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** The dnsmasq command that runs the service's proxy-DHCP inside the "prov" namespace. */
    List<String> dnsmasqCommand() {
        return Netns.inNamespace(provNs, "/usr/sbin/dnsmasq");
    }

    /** A machine with NIC {@code mac} that network-boots through its iPXE option ROM, under QEMU (TCG). */
    Machine boot(String mac) throws IOException {
        String tap = "tap" + taps++;
        Netns.run("ip", "netns", "exec", nodeNs, "ip", "tuntap", "add", "dev", tap, "mode", "tap");
        Netns.run("ip", "-n", nodeNs, "link", "set", tap, "master", "br0");
        Netns.run("ip", "-n", nodeNs, "link", "set", tap, "up");
        Path serial = dir.resolve("serial-" + mac.replace(':', '-') + ".log");
        Process qemu = new ProcessBuilder(Netns.inNamespace(nodeNs, "/usr/bin/qemu-system-x86_64", "-accel", "tcg",
                "-nographic", "-m", "256", "-boot", "n",
                "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", "e1000,netdev=n0,mac=" + mac))
                .redirectErrorStream(true).redirectOutput(serial.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Machine(mac, tap, qemu, serial);
    }

    /** A booting VM: its serial console (where iPXE writes) in a file. */
    final class Machine implements AutoCloseable {
        final String mac;
        final Path serialLog;
        private final String tap;
        private final Process qemu;

        Machine(String mac, String tap, Process qemu, Path serialLog) {
            this.mac = mac;
            this.tap = tap;
            this.qemu = qemu;
            this.serialLog = serialLog;
        }

        String serial() {
            try {
                return Files.readString(serialLog, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The console as one line: the firmware wraps long lines at 80 columns. */
        String unwrapped() {
            return serial().replace("\r", "").replace("\n", "");
        }

        void awaitSerial(String text, Duration timeout) throws InterruptedException {
            try {
                Netns.await("'" + text + "' on the serial console of " + mac, timeout,
                        () -> unwrapped().contains(text) || !qemu.isAlive());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; console so far:\n" + tail(serial()), e);
            }
            if (!unwrapped().contains(text)) {
                throw new AssertionError("QEMU exited before '" + text + "' appeared; console:\n" + tail(serial()));
            }
        }

        @Override
        public void close() {
            qemu.destroy();
            try {
                if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly();
                    qemu.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                qemu.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            Netns.run("ip", "-n", nodeNs, "link", "del", tap);
        }
    }

    static String tail(String text) {
        return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    }

    @Override
    public void close() {
        if (lanDhcp != null) {
            lanDhcp.destroy();
            try {
                if (!lanDhcp.waitFor(5, TimeUnit.SECONDS)) {
                    lanDhcp.destroyForcibly();
                }
            } catch (InterruptedException e) {
                lanDhcp.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        net.close();
    }
}
