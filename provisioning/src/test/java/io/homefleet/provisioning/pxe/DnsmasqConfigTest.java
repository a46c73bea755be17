package io.homefleet.provisioning.pxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.process.ProcessRunner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The generated dnsmasq config: proxy-DHCP lines as RECIPES proved them, and accepted by the real dnsmasq. */
class DnsmasqConfigTest {
    static final Path RUN_DIR = Path.of("target", "pxe-config-test");

    static PxeSettings settings(String url) {
        return new PxeSettings(true, "enp2s0", Ipv4Subnet.parse("192.168.1.0/24"), URI.create(url), Optional.empty(),
                List.of("/usr/sbin/dnsmasq"), Path.of("/usr/lib/ipxe"), RUN_DIR.toAbsolutePath());
    }

    @Test
    void proxyDhcpLinesNameTheServiceAndTheNextServer() {
        String config = DnsmasqConfig.render(settings("http://192.168.1.10:8090/"), "192.168.1.10");
        List<String> lines = config.lines().toList();
        assertTrue(lines.contains("port=0"), config);
        assertTrue(lines.contains("interface=enp2s0"), config);
        assertTrue(lines.contains("bind-interfaces"), config);
        assertTrue(lines.contains("dhcp-range=192.168.1.0,proxy,255.255.255.0"), config);
        assertTrue(lines.contains("dhcp-userclass=set:ipxe,iPXE"), config);
        assertTrue(lines.contains("dhcp-match=set:ipxe,175"), config);
        assertTrue(lines.contains("tftp-root=/usr/lib/ipxe"), config);
        assertTrue(lines.contains("pxe-service=tag:!ipxe,x86PC,\"Homefleet: chain to iPXE\",undionly.kpxe,192.168.1.10"),
                config);
        // One slash before ipxe even though the public URL ends in one; next-server after the empty server name.
        assertTrue(lines.contains("dhcp-boot=tag:ipxe,http://192.168.1.10:8090/ipxe/${mac},,192.168.1.10"), config);
        assertTrue(lines.contains("pid-file=" + RUN_DIR.toAbsolutePath().resolve("dnsmasq.pid")), config);
    }

    @Test
    void realDnsmasqAcceptsTheConfig() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq is not installed");
        Files.createDirectories(RUN_DIR);
        Path file = RUN_DIR.resolve("accepted.conf");
        Files.writeString(file, DnsmasqConfig.render(settings("https://prov.lan:8443"), "192.168.1.10"));
        ProcessRunner.Result result = ProcessRunner.run(
                List.of("/usr/sbin/dnsmasq", "--test", "--conf-file=" + file.toAbsolutePath()), Duration.ofSeconds(10));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("syntax check OK"), result.stderr());
    }

    @Test
    void subnetsAreParsedStrictly() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("10.20.0.0/16");
        assertEquals("10.20.0.0", subnet.networkAddress());
        assertEquals("255.255.0.0", subnet.netmask());
        assertTrue(subnet.contains(Ipv4Subnet.parseAddress("10.20.255.1", "x")));
        assertTrue(!subnet.contains(Ipv4Subnet.parseAddress("10.21.0.1", "x")));
        assertEquals("255.255.255.255", Ipv4Subnet.parse("10.0.0.7/32").netmask());
        IllegalArgumentException hostBits = assertThrows(IllegalArgumentException.class,
                () -> Ipv4Subnet.parse("192.168.1.10/24"));
        assertTrue(hostBits.getMessage().contains("192.168.1.0/24"), hostBits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ipv4Subnet.parse("192.168.1.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Subnet.parse("192.168.1.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Subnet.parse("192.168.256.0/24"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Subnet.parse("fd00::/64"));
    }

    @Test
    void settingsDnsmasqCannotCarryAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings("http://prov.lan:8090/a,b"));
        assertThrows(IllegalArgumentException.class, () -> settings("ftp://prov.lan/"));
        IllegalArgumentException badNic = assertThrows(IllegalArgumentException.class,
                () -> new PxeSettings(true, "eth0 --conf-dir=/", Ipv4Subnet.parse("10.0.0.0/8"),
                        URI.create("http://10.0.0.1"), Optional.empty(), List.of("dnsmasq"), Path.of("/"), RUN_DIR));
        assertTrue(badNic.getMessage().contains("pxe.interface"), badNic.getMessage());
        // PXE off needs none of the network settings.
        assertTrue(!PxeSettings.disabled(List.of("dnsmasq"), Path.of("/usr/lib/ipxe"), RUN_DIR).enabled());
    }
}
