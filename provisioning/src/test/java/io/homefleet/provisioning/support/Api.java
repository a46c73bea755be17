package io.homefleet.provisioning.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The operator's requests in tests. */
public final class Api {
    public static final String OPERATOR = "hfo_testOperatorTokenForProvisioningTestsOnly00";

    private Api() {
    }

    public static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR).contentType(ContentType.JSON);
    }

    public static void register(Names.Machine m, String serverType) {
        operator().body("{\"hostname\":\"" + m.hostname() + "\",\"mac\":\"" + m.mac() + "\",\"server_type\":\""
                + serverType + "\"}").post("/api/v1/hosts").then().statusCode(201);
    }

    public static String state(String hostId) {
        return operator().get("/api/v1/hosts/" + hostId).then().statusCode(200).extract().path("state");
    }
}
