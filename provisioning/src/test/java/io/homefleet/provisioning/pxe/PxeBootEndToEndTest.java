package io.homefleet.provisioning.pxe;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Real PXE boots against the real service: QEMU (TCG) machines with iPXE option ROMs on a LAN in network namespaces,
 * the LAN's plain DHCP server beside the service's supervised proxy-DHCP dnsmasq. One boot each: a host in
 * {@code pxe_ready} gets the installer and fetches the kernel it names; a ready host gets the local-boot script;
 * an unknown MAC boots locally and shows up as discovered. Evidence from three sides: the machine's serial console
 * (what iPXE did), the service's HTTP access log (what it fetched) and the API (what the service recorded).
 */
@QuarkusTest
@TestProfile(PxeBootProfile.class)
@EnabledIf(value = "io.homefleet.provisioning.pxe.Netns#pxeBootPossible",
        disabledReason = "real PXE boots need root, /dev/net/tun, iproute2, dnsmasq and qemu-system-x86 (CI has them)")
class PxeBootEndToEndTest {
    static final Duration BOOT = Duration.ofSeconds(90);

    @Inject
    PxeService pxe;

    @AfterEach
    void pxeOffAgain() throws InterruptedException {
        TestConfigFiles.write(TestConfigFiles.config("http://127.0.0.1:9", 22, ""), TestConfigFiles.SERVER_TYPES);
        Netns.await("dnsmasq stopped", Duration.ofSeconds(15),
                () -> pxe.status().state() == DnsmasqStatus.State.DISABLED);
    }

    @Test
    void eachMachineBootsWhatItsHostStateSays() throws Exception {
        PxeLan lan = PxeBootProfile.lan;
        String publicUrl = "http://" + PxeLan.SERVICE_ADDRESS + ":" + RestAssured.port;
        // PXE is switched on the way an operator does it: by editing provisioning.yaml while the service runs.
        TestConfigFiles.write(TestConfigFiles.config("http://127.0.0.1:9", 22, "")
                        .replace("public_url: http://127.0.0.1:8090", "public_url: " + publicUrl)
                        .replace("  enabled: false\n", "  enabled: true\n  interface: " + PxeLan.LAN_INTERFACE
                                + "\n  subnet: " + PxeLan.LAN_SUBNET + "\n"),
                TestConfigFiles.SERVER_TYPES);
        Netns.await("dnsmasq running (" + pxe.status().detail() + ")", Duration.ofSeconds(20),
                () -> pxe.status().state() == DnsmasqStatus.State.RUNNING);
        RestAssured.given().get("/q/health/group/pxe").then().statusCode(200)
                .body("checks.find { it.name == 'pxe-dnsmasq' }.data.state", equalTo("running"))
                .body("checks.find { it.name == 'pxe-dnsmasq' }.data.boot_url", equalTo(publicUrl + "/ipxe/${mac}"));

        // 1. A host whose rebuild was requested: the installer script, then the kernel it names.
        Names.Machine installing = Names.next("pxe");
        Api.register(installing, "minisforum-ms-01");
        // The operator's rebuild, as for real (its Ed25519 key works in this later Quarkus boot of the JVM too).
        Api.operator().post("/api/v1/hosts/" + installing.hostname() + "/rebuild").then().statusCode(200)
                .body("state", equalTo("pxe_ready")).body("ephemeral_key_held", equalTo(true));
        assertEquals("pxe_ready", Api.state(installing.hostname()));
        try (PxeLan.Machine vm = lan.boot(installing.mac())) {
            vm.awaitSerial("Homefleet: loading the Proxmox VE automated installer for " + installing.hostname(), BOOT);
            vm.awaitSerial("/ipxe/files/vmlinuz... ok", BOOT);
        }
        awaitAccessLog("\"GET /ipxe/" + encoded(installing.mac()) + " HTTP/1.1\" 200");
        awaitAccessLog("\"GET /ipxe/files/vmlinuz HTTP/1.1\" 200");
        assertEquals("pxe_booted", Api.state(installing.hostname()));
        assertTrue(pxe.recentLog(500).stream().anyMatch(l -> l.text().contains("PXE(lan0) " + installing.mac())),
                "dnsmasq's log shows the proxy answer to the machine");

        // 2. A ready host: the local-boot script, no installer.
        Names.Machine ready = Names.next("pxe");
        Api.register(ready, "minisforum-ms-01");
        setState(ready.hostname(), HostState.READY); // reaching ready for real is the join tests' business
        try (PxeLan.Machine vm = lan.boot(ready.mac())) {
            vm.awaitSerial(ready.hostname() + " is installed and ready; booting from the local disk", BOOT);
            assertFalse(vm.serial().contains("vmlinuz"), vm.serial());
        }
        awaitAccessLog("\"GET /ipxe/" + encoded(ready.mac()) + " HTTP/1.1\" 200");
        assertEquals("ready", Api.state(ready.hostname()));

        // 3. An unknown MAC: boots locally, recorded as discovered.
        String unknown = Names.next("unknown").mac();
        try (PxeLan.Machine vm = lan.boot(unknown)) {
            vm.awaitSerial("this machine (" + unknown + ") is not registered; booting from the local disk", BOOT);
        }
        Api.operator().get("/api/v1/discovered").then().statusCode(200).body("mac", hasItem(unknown));

        // A pxe.interface dnsmasq cannot use: PXE's health says so with dnsmasq's words; the service stays ready.
        TestConfigFiles.write(TestConfigFiles.config("http://127.0.0.1:9", 22, "")
                        .replace("public_url: http://127.0.0.1:8090", "public_url: " + publicUrl)
                        .replace("  enabled: false\n", "  enabled: true\n  interface: nope0\n  subnet: "
                                + PxeLan.LAN_SUBNET + "\n"),
                TestConfigFiles.SERVER_TYPES);
        Netns.await("dnsmasq's refusal", Duration.ofSeconds(20),
                () -> pxe.status().state() == DnsmasqStatus.State.RESTARTING && pxe.status().lastExitCode().isPresent());
        RestAssured.given().get("/q/health/group/pxe").then().statusCode(503)
                .body("checks.find { it.name == 'pxe-dnsmasq' }.data.state", equalTo("restarting"))
                .body("checks.find { it.name == 'pxe-dnsmasq' }.data.detail", containsString("unknown interface nope0"));
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    static void setState(String hostId, HostState state) {
        QuarkusTransaction.requiringNew().run(() -> {
            HostEntity host = HostEntity.findById(hostId);
            host.state = state;
        });
    }

    /** iPXE percent-encodes the colons of ${mac} in the path. */
    static String encoded(String mac) {
        return mac.replace(":", "%3A");
    }

    static void awaitAccessLog(String line) throws InterruptedException {
        Netns.await("'" + line + "' in the access log", Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(PxeBootProfile.ACCESS_LOG) && Files.readString(PxeBootProfile.ACCESS_LOG).contains(line);
            } catch (IOException e) {
                return false;
            }
        });
    }
}
