package io.homefleet.provisioning.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** server-types.yaml and provisioning.yaml are picked up when they change; a broken one keeps the last good one. */
@QuarkusTest
class ConfigReloadTest {
    @Inject
    ProvisioningConfig config;

    static void awaitReload(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 50 && !done.getAsBoolean(); i++) {
            Thread.sleep(100); // the reload runs every 300 ms in tests
        }
    }

    @Test
    void aNewServerTypeIsUsableWithoutRestartAndABrokenFileKeepsTheLastGoodOne() throws Exception {
        String types = Files.readString(TestConfigFiles.typesFile());
        try {
            Files.writeString(TestConfigFiles.typesFile(), types + """
                      hp-elitedesk:
                        display_name: "HP EliteDesk 800 G6"
                        boot_disk: "/dev/sda"
                        management_nic: "eno1"
                        hostname_prefix: "pve-hp"
                    """);
            awaitReload(() -> config.current().serverType("hp-elitedesk").isPresent());
            Names.Machine m = Names.next("newtype");
            Api.register(m, "hp-elitedesk");

            Files.writeString(TestConfigFiles.typesFile(), "server_types:\n  broken:\n    display_name: [unclosed\n");
            awaitReload(() -> config.problem().isPresent());
            assertTrue(config.problem().orElseThrow().contains("server-types.yaml"), config.problem().orElseThrow());
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'provisioning-config' }.data.last_good_kept", equalTo(true))
                    .body("checks.find { it.name == 'provisioning-config' }.data.problem", containsString("server-types.yaml"));
            assertTrue(config.current().serverType("hp-elitedesk").isPresent(), "the last good types stay in use");
            Api.register(Names.next("stillworks"), "minisforum-ms-01");

            Files.writeString(TestConfigFiles.typesFile(), types.replace("minisforum-um790", "minisforum-um780")
                    + "    unknown_key: 1\n");
            awaitReload(() -> config.problem().map(p -> p.contains("unknown_key")).orElse(false));
            assertTrue(config.problem().orElseThrow().contains("unknown_key"), config.problem().orElseThrow());
        } finally {
            Files.writeString(TestConfigFiles.typesFile(), types);
            awaitReload(() -> config.problem().isEmpty() && config.current().serverType("hp-elitedesk").isEmpty());
        }
        assertEquals(java.util.Optional.empty(), config.problem());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'provisioning-config' }.data.problem", equalTo(null));
    }
}
