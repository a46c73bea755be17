package io.homefleet.provisioning.pxe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PXE's health group and a reloaded pxe section that cannot be used (in the shared boot, where PXE is off). */
@QuarkusTest
class PxeHealthTest {
    @Inject
    PxeService pxe;

    @Test
    void pxeOffIsHealthyOutsideReadiness() {
        given().get("/q/health/group/pxe").then().statusCode(200)
                .body("checks.find { it.name == 'pxe-dnsmasq' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'pxe-dnsmasq' }.data.state", equalTo("disabled"));
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", not(hasItem("pxe-dnsmasq")));
    }

    @Test
    void aReloadedPxeSectionThatCannotBeUsedKeepsTheSettingsBeforeAndSaysWhy() throws Exception {
        PxeSettings before = pxe.settings();
        try {
            TestConfigFiles.write(TestConfigFiles.config("http://127.0.0.1:9", 22, "")
                    .replace("  enabled: false\n", "  enabled: true\n  interface: lan0\n  subnet: 10.231.0.5/24\n"),
                    TestConfigFiles.SERVER_TYPES);
            Netns.await("the settings problem", Duration.ofSeconds(10), () -> pxe.settingsProblem().isPresent());

            assertEquals(before, pxe.settings());
            assertEquals(DnsmasqStatus.State.DISABLED, pxe.status().state(), "no dnsmasq started from a bad section");
            given().get("/q/health/group/pxe").then().statusCode(200)
                    .body("checks.find { it.name == 'pxe-dnsmasq' }.data.settings_problem",
                            containsString("host bits set; the network is 10.231.0.0/24"));
        } finally {
            TestConfigFiles.write(TestConfigFiles.config("http://127.0.0.1:9", 22, ""), TestConfigFiles.SERVER_TYPES);
        }
        Netns.await("the problem cleared", Duration.ofSeconds(10), () -> pxe.settingsProblem().isEmpty());
    }
}
