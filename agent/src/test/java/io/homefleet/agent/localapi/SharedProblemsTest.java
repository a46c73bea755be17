package io.homefleet.agent.localapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.homefleet.agent.testsupport.AgentTestEnvironment;
import io.homefleet.agent.testsupport.TestEnv;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The local API answers each kind of refusal with the shared type and title, exactly as the hub does for the same
 * situation (the hub's SharedProblemsTest asserts the same table).
 */
@QuarkusTest
@QuarkusTestResource(AgentTestEnvironment.class)
class SharedProblemsTest {
    private static final String FORMAT = "/disks/format";
    private static final String VALID = "{\"vmid\":9200,\"device\":\"/dev/no-such-disk\",\"fstype\":\"ext4\"}";

    static RequestSpecification operator() {
        return given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON);
    }

    static ValidatableResponse problem(ValidatableResponse response, ProblemType type) {
        return response.statusCode(type.status()).contentType("application/problem+json")
                .body("type", equalTo(type.uri()))
                .body("title", equalTo(type.title()));
    }

    @Test
    void noTokenIs401() {
        problem(given().contentType(ContentType.JSON).body(VALID).post(FORMAT).then(), ProblemType.UNAUTHENTICATED)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aTokenOfTheWrongKindIs403() {
        problem(given().auth().oauth2(TestEnv.hostKey()).contentType(ContentType.JSON).body(VALID).post(FORMAT)
                .then(), ProblemType.WRONG_CREDENTIAL_KIND);
    }

    /** Issue 10 item 16: an unknown guest token on an operator endpoint is 401 (it was 403). */
    @Test
    void anUnknownGuestTokenOnAnOperatorEndpointIs401() {
        problem(given().auth().oauth2("hfg_" + "Z".repeat(43)).get("/tokens").then(), ProblemType.UNAUTHENTICATED)
                .body("detail", equalTo("unknown or revoked guest token"));
    }

    @Test
    void malformedJsonIs400() {
        problem(operator().body("{\"vmid\": ").post(FORMAT).then(), ProblemType.MALFORMED_BODY);
    }

    /** Issue 10 item 16: type errors and an array body were an empty 400 (Quarkus' own mapper won). */
    @Test
    void typeErrorsAndAnArrayBodyAreProblems() {
        problem(operator().body("{\"vmid\":\"nine\",\"device\":\"/dev/x\",\"fstype\":\"ext4\"}").post(FORMAT).then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("vmid"));
        problem(operator().body("{\"vmid\":9200,\"device\":{\"a\":1},\"fstype\":\"ext4\"}").post(FORMAT).then(),
                ProblemType.INVALID_FIELDS).body("errors.field", hasItem("device"));
        problem(operator().body("[1, 2]").post(FORMAT).then(), ProblemType.MALFORMED_BODY);
    }

    @Test
    void aDuplicateKeyIs400() {
        problem(operator().body("{\"vmid\":9200,\"vmid\":9201,\"device\":\"/dev/x\",\"fstype\":\"ext4\"}").post(FORMAT)
                .then(), ProblemType.MALFORMED_BODY).body("detail", containsString("vmid"));
    }

    @Test
    void aNulCharacterIs400NamingTheField() {
        problem(operator().body("{\"vmid\":9200,\"device\":\"/dev/sd\\u0000a\",\"fstype\":\"ext4\"}").post(FORMAT)
                .then(), ProblemType.INVALID_FIELDS).body("errors.field", hasItem("device"));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        problem(operator().body("{\"pad\":\"" + "x".repeat(70_000) + "\"}").post(FORMAT).then(),
                ProblemType.BODY_TOO_LARGE).body("limit_bytes", equalTo(65536))
                .body("detail", containsString("65536 bytes (64 KiB)"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        problem(given().auth().oauth2(TestEnv.operatorToken()).body(VALID.getBytes()).post(FORMAT).then(),
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void anUnsupportedContentTypeIs401BeforeAuthentication() {
        problem(given().contentType(ContentType.TEXT).body("x").post(FORMAT).then(), ProblemType.UNAUTHENTICATED);
        problem(given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.TEXT).body("x").post(FORMAT)
                .then(), ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    /** Issue 10 item 16: refusals of /disks/format are problem+json, their documented fields kept as members. */
    @Test
    void anUnknownDeviceIsAProblemWithTheResultFields() {
        problem(operator().body(VALID).post(FORMAT).then(), ProblemType.NOT_FOUND)
                .body("formatted", equalTo(false))
                .body("device", equalTo("/dev/no-such-disk"))
                .body("error", startsWith("unknown device"));
    }
}
