package io.homefleet.service.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.testapp.FixedTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The shared bearer-token mechanism: 401 and the wrong-kind 403 in one shape, roles from token kinds. */
@QuarkusTest
class SharedAuthTest {
    @Test
    void noTokenIs401NamingTheKindsTheEndpointTakes() {
        given().get("/probe/guest").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHENTICATED.uri()))
                .body("detail", containsString("hfg_"))
                .body("detail", containsString("hfo_"));
        given().get("/probe/proxy").then().statusCode(401).body("detail", containsString("X-Proxy-Token"));
    }

    @Test
    void malformedUnknownAndOtherSchemesAre401() {
        given().header("Authorization", "Bearer nonsense").get("/probe/guest").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHENTICATED.uri()));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/probe/guest").then().statusCode(401);
        given().header("Authorization", "Bearer hfg_" + "Q".repeat(43)).get("/probe/guest").then().statusCode(401)
                .body("detail", equalTo("unknown or revoked guest token"));
    }

    @Test
    void anUnknownTokenOfAKindTheEndpointRefusesIsStill401() {
        // Unknown comes before wrong kind: the caller holds no credential at all.
        given().header("Authorization", "Bearer hfg_" + "Q".repeat(43)).get("/probe/proxy").then().statusCode(401);
    }

    @Test
    void aTokenOfAnotherKindIs403NamingBoth() {
        given().header("Authorization", "Bearer " + FixedTokens.CUSTOMER).get("/probe/guest").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemType.WRONG_CREDENTIAL_KIND.uri()))
                .body("title", equalTo(ProblemType.WRONG_CREDENTIAL_KIND.title()))
                .body("detail", equalTo("customer key used where a guest token or an operator token is required"))
                .body("required", equalTo("guest token or operator token"))
                .body("presented", equalTo("customer key"));
    }

    @Test
    void aKindThisServiceDoesNotKeepIsStillNamedIn403() {
        given().header("Authorization", "Bearer " + FixedTokens.HOST).get("/probe/guest").then().statusCode(403)
                .body("detail", equalTo("host key used where a guest token or an operator token is required"));
    }

    @Test
    void theRightKindPasses() {
        given().header("Authorization", "Bearer " + FixedTokens.GUEST).get("/probe/guest").then().statusCode(200)
                .body("caller", equalTo("guest:9200"));
        given().header("Authorization", "Bearer " + FixedTokens.OPERATOR).get("/probe/guest").then().statusCode(200)
                .body("caller", equalTo("operator"));
        given().header("X-Proxy-Token", FixedTokens.PROXY).get("/probe/proxy").then().statusCode(200)
                .body("caller", equalTo("proxy:pve-01"));
    }

    @Test
    void publicEndpointsIgnoreTokens() {
        given().get("/probe/public").then().statusCode(200);
        given().header("Authorization", "Bearer hfg_" + "Q".repeat(43)).get("/probe/public").then().statusCode(200);
        given().header("Authorization", "Bearer junk").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void unmatchedMethodsStay405WhateverTheToken() {
        given().header("Authorization", "Bearer hfp_" + "Q".repeat(43)).post("/probe/proxy").then().statusCode(405)
                .contentType("application/problem+json");
    }
}
