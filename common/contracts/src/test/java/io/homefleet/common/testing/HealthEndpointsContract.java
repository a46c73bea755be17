package io.homefleet.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service answers without a token: its probes UP, its API description, and its metrics — or, for a
 * service that keeps no metrics registry to save memory ({@link #servesMetrics()} false), a 404 there. A service's
 * {@code @QuarkusTest} extends this, so the one boot runs these checks against that service.
 */
public abstract class HealthEndpointsContract {

    /** Whether the service keeps a Prometheus registry at {@code /q/metrics}. */
    protected boolean servesMetrics() {
        return true;
    }

    @Test
    void probesAnswerUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiIsServed() {
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void metricsAreServedWhereTheServiceKeepsThem() {
        given().get("/q/metrics").then().statusCode(servesMetrics() ? 200 : 404);
    }
}
