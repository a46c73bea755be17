package io.homefleet.sensorproxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NodeNamesTest {
    @Test
    void namesThatCouldBeOptionsOrShellAreRefused() {
        assertTrue(NodeNames.problem("pve1").isEmpty());
        assertTrue(NodeNames.problem("pve-1.lan.example").isEmpty());
        assertTrue(NodeNames.problem("10.0.0.7").isEmpty());
        assertTrue(NodeNames.problem("fd00::7").isEmpty());
        assertEquals("node name must not start with '-'", NodeNames.problem("-oProxyCommand=sh").orElseThrow());
        assertTrue(NodeNames.problem("pve1;reboot").isPresent());
        assertTrue(NodeNames.problem("pve 1").isPresent());
        assertTrue(NodeNames.problem("").isPresent());
        assertTrue(NodeNames.problem("a".repeat(254)).isPresent());
        assertTrue(NodeNames.problem("a".repeat(64) + ".lan").isPresent(), "a label is at most 63 characters");
    }

    @Test
    void cidrsMatchTheirAddressesOnlyAndNeverResolveNames() throws Exception {
        Cidr lan = Cidr.parse("192.168.1.77/24");
        assertEquals("192.168.1.0/24", lan.toString());
        assertTrue(lan.contains(InetAddress.getByName("192.168.1.200")));
        assertFalse(lan.contains(InetAddress.getByName("192.168.2.1")));
        assertTrue(lan.contains(InetAddress.getByName("::ffff:192.168.1.9")), "IPv4-mapped IPv6 peers match IPv4 networks");
        assertEquals("fd00:1::/32", Cidr.parse("fd00:1:0:0::1/32").toString());
        assertEquals("2001:db8::1:0:0:1/128", Cidr.parse("2001:db8:0:0:1:0:0:1").toString());
        assertFalse(Cidr.isLiteral("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/40"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("pve1/24"));
    }
}
