package io.homefleet.provisioning.pxe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.homefleet.service.retry.Backoff;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Scaffold: the supervised proxy-DHCP sends a real iPXE to a small HTTP server. */
class PxeBootTinyServerTest {
    @Test
    void ipxeFetchesTheScriptAndTheKernelItNames() throws Exception {
        Netns.assumeAvailable("/usr/sbin/dnsmasq", "/usr/sbin/ip", "/usr/bin/qemu-system-x86_64");
        List<String> access = new CopyOnWriteArrayList<>();
        try (PxeLan lan = PxeLan.create(Path.of("target", "pxe-tiny"))) {
            HttpServer http = HttpServer.create(new InetSocketAddress(PxeLan.SERVICE_ADDRESS, 0), 16);
            int port = http.getAddress().getPort();
            http.createContext("/", exchange -> {
                access.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                byte[] body = exchange.getRequestURI().getPath().startsWith("/ipxe/files/")
                        ? new byte[4096]
                        : ("#!ipxe\necho tiny script\nkernel http://" + PxeLan.SERVICE_ADDRESS + ":" + port
                                + "/ipxe/files/vmlinuz\nboot\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            PxeSettings settings = new PxeSettings(true, PxeLan.LAN_INTERFACE, Ipv4Subnet.parse(PxeLan.LAN_SUBNET),
                    URI.create("http://" + PxeLan.SERVICE_ADDRESS + ":" + port), Optional.of(PxeLan.PROV_LAN_ADDRESS),
                    lan.dnsmasqCommand(), Path.of("/usr/lib/ipxe"), lan.dir.resolve("dnsmasq"));
            try (DnsmasqSupervisor supervisor = new DnsmasqSupervisor(settings,
                    Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)), Duration.ofSeconds(30),
                    new DnsmasqLog(500, Clock.systemUTC()), Clock.systemUTC()).start()) {
                Netns.await("dnsmasq running", Duration.ofSeconds(15),
                        () -> supervisor.status().state() == DnsmasqStatus.State.RUNNING);
                long t0 = System.nanoTime();
                try (PxeLan.Machine vm = lan.boot("52:54:00:12:34:56")) {
                    vm.awaitSerial("/ipxe/files/vmlinuz... ok", Duration.ofSeconds(90));
                    System.out.printf("script and kernel fetched %d ms after QEMU started%n",
                            (System.nanoTime() - t0) / 1_000_000);
                }
                assertTrue(access.contains("GET /ipxe/52:54:00:12:34:56"), access.toString());
                assertTrue(access.contains("GET /ipxe/files/vmlinuz"), access.toString());
                assertTrue(supervisor.log().recent(500).stream().anyMatch(l -> l.text().contains("52:54:00:12:34:56")),
                        "dnsmasq logged the PXE client");
            } finally {
                http.stop(0);
            }
        }
    }
}
