package io.homefleet.controller;

import static io.restassured.RestAssured.given;

import io.homefleet.common.testing.HealthEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service boots and answers its probes and API description; it keeps no metrics registry (memory). */
@QuarkusTest
class HealthEndpointsTest extends HealthEndpointsContract {

    @Override
    protected boolean servesMetrics() {
        return false;
    }

    @Test
    void theApiDescriptionNamesTheControllersApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/status"));
    }
}
