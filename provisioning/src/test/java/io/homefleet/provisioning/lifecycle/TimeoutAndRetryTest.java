package io.homefleet.provisioning.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A host stuck past its state's timeout is failed with the reason; retry resumes it in that state. */
@QuarkusTest
class TimeoutAndRetryTest {
    @Inject
    ProvisioningConfig config;

    static String awaitState(String id, String state) throws InterruptedException {
        for (int i = 0; i < 100 && !Api.state(id).equals(state); i++) {
            Thread.sleep(100);
        }
        return Api.state(id);
    }

    @Test
    void aHostThatNeverBootsTimesOutAndRetryWaitsAgain() throws Exception {
        String original = Files.readString(TestConfigFiles.configFile());
        Names.Machine m = Names.next("stuck");
        Api.register(m, "minisforum-ms-01");
        try {
            Files.writeString(TestConfigFiles.configFile(), original + "timeouts_seconds:\n  pxe_ready: 1\n  pxe_booted: 1\n");
            config.reloadIfChangedNow();
            Api.operator().post("/api/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);
            assertEquals("failed", awaitState(m.hostname(), "failed"));
            Api.operator().get("/api/v1/hosts/" + m.hostname()).then()
                    .body("failure.state", equalTo("pxe_ready")).body("failure.step", equalTo("pxe_ready"))
                    .body("failure.reason", containsString("timed out in pxe_ready"))
                    .body("failure.reason", containsString("did not PXE-boot"));
            Api.operator().get("/api/v1/hosts/" + m.hostname() + "/history").then()
                    .body("[-1].cause", equalTo("timeout")).body("[-1].actor", equalTo("provisioning"));
            // a failed host boots locally: nothing reinstalls while an operator looks at it
            given().get("/ipxe/" + m.mac()).then().body(containsString("failed"));

            Api.operator().post("/api/hosts/" + m.hostname() + "/retry").then().statusCode(200)
                    .body("state", equalTo("pxe_ready"));
            given().get("/ipxe/" + m.mac()).then().body(containsString("proxmox-start-auto-installer"));
            // pxe_booted: the installer never asks for its answer; retry goes back to the network boot
            assertEquals("failed", awaitState(m.hostname(), "failed"));
            Api.operator().get("/api/v1/hosts/" + m.hostname()).then().body("failure.state", equalTo("pxe_booted"));
            Api.operator().post("/api/hosts/" + m.hostname() + "/retry").then().statusCode(200)
                    .body("state", equalTo("pxe_ready"));
        } finally {
            Files.writeString(TestConfigFiles.configFile(), original);
            config.reloadIfChangedNow();
        }
        Api.operator().post("/api/hosts/" + m.hostname() + "/retry").then().statusCode(409);
    }

    @Test
    void retryOfAHostThatDidNotFailIsAConflict() {
        Names.Machine m = Names.next("noretry");
        Api.register(m, "minisforum-ms-01");
        Api.operator().post("/api/hosts/" + m.hostname() + "/retry").then().statusCode(409)
                .body("detail", containsString("registered"));
        Api.operator().post("/api/hosts/no-such-host/retry").then().statusCode(404);
    }
}
