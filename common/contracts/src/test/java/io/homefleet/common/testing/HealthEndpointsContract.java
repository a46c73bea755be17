package io.homefleet.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service answers without a token: its probes UP, its metrics and its API description. A service's
 * {@code @QuarkusTest} extends this, so the one boot runs these checks against that service.
 */
public abstract class HealthEndpointsContract {

    @Test
    void probesAnswerUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
