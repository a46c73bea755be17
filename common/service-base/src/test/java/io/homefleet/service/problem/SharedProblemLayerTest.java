package io.homefleet.service.problem;

import io.homefleet.service.testing.ErrorLog;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.testapp.FixedTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared problem layer on a small app: every error a documented type, every rejected field named. */
@QuarkusTest
class SharedProblemLayerTest {
    @TestHTTPResource("/")
    URL root;

    static RequestSpecification customer() {
        return given().header("Authorization", "Bearer " + FixedTokens.CUSTOMER).contentType(ContentType.JSON);
    }

    static String type(ProblemType type) {
        return type.uri();
    }

    @Test
    void malformedJsonIsAMalformedBody() {
        customer().body("{\"name\": ").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.MALFORMED_BODY)))
                .body("title", equalTo(ProblemType.MALFORMED_BODY.title()))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void anArrayWhereAnObjectIsExpectedIsAMalformedBody() {
        customer().body("[1, 2, 3]").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.MALFORMED_BODY)));
    }

    @Test
    void anEmptyBodyIsRefused() {
        customer().body("").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("body"));
    }

    @Test
    void aTypeErrorNamesItsField() {
        customer().body("{\"name\":\"a\",\"count\":{\"nested\":true}}").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.INVALID_FIELDS)))
                .body("errors.field", hasItem("count"));
        customer().body("{\"name\":\"a\",\"colour\":\"green\"}").post("/probe/customer").then().statusCode(400)
                .body("type", equalTo(type(ProblemType.INVALID_FIELDS)))
                .body("errors[0].message", equalTo("'green' is not one of [red, blue]"));
    }

    @Test
    void everyInvalidFieldIsListedWithItsJsonPath() {
        customer().body("{\"name\":\"\",\"items\":[{\"name\":\"ok\",\"size\":1},{\"name\":\"\",\"size\":-1}]}")
                .post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.INVALID_FIELDS)))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("items[1].name"))
                .body("errors.field", hasItem("items[1].size"));
    }

    @Test
    void aDuplicateKeyIsRefused() {
        customer().body("{\"name\":\"a\",\"name\":\"b\"}").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.MALFORMED_BODY)))
                .body("detail", containsString("name"));
    }

    @Test
    void aNulCharacterInAnyStringIsRefusedNamingTheField() {
        customer().body("{\"name\":\"a\\u0000b\"}").post("/probe/customer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.INVALID_FIELDS)))
                .body("errors.field", hasItem("name"));
        customer().body("{\"name\":\"a\",\"items\":[{\"name\":\"x\\u0000\",\"size\":1}]}").post("/probe/customer")
                .then().statusCode(400).body("errors.field", hasItem("items[0].name"));
        customer().body("{\"name\":\"a\",\"labels\":{\"k\":\"\\u0000\"}}").post("/probe/customer")
                .then().statusCode(400).body("errors.field", hasItem("labels.k"));
        customer().body("{\"name\":\"a\",\"extra\":{\"deep\":[\"\\u0000\"]}}").post("/probe/customer")
                .then().statusCode(400).body("detail", containsString("deep[0]"));
        // An escaped backslash followed by "u0000" is ordinary text.
        customer().body("{\"name\":\"a\\\\u0000\"}").post("/probe/customer").then().statusCode(200);
    }

    @Test
    void aTimestampOutsideTheSaneRangeIsRefusedNamingTheField() {
        customer().body("{\"name\":\"a\",\"at\":\"+10000-01-01T00:00:00Z\"}").post("/probe/customer").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.INVALID_FIELDS)))
                .body("errors.field", hasItem("at"));
        customer().body("{\"name\":\"a\",\"since\":\"1969-12-31T23:59:59Z\"}").post("/probe/customer").then()
                .statusCode(400).body("errors.field", hasItem("since"));
        customer().body("{\"name\":\"a\",\"at\":\"9999-12-31T23:59:59Z\",\"since\":\"2026-01-01T00:00:00+01:00\"}")
                .post("/probe/customer").then().statusCode(200);
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsRefusedSayingTheLimit() {
        customer().body("{\"name\":\"" + "x".repeat(5000) + "\"}").post("/probe/customer").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.BODY_TOO_LARGE)))
                .body("limit_bytes", equalTo(4096))
                .body("detail", containsString("4096 bytes (4 KiB)"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsAProblemAndLogsNoError() throws Exception {
        try (ErrorLog errors = ErrorLog.capture()) {
            byte[] big = ("{\"name\":\"" + "x".repeat(20_000) + "\"}").getBytes();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(root.toURI().resolve("probe/customer"))
                    .header("Authorization", "Bearer " + FixedTokens.CUSTOMER)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains(ProblemType.BODY_TOO_LARGE.uri()), response.body());
            assertTrue(response.body().contains("\"limit_bytes\":4096"), response.body());
            Thread.sleep(300);
            assertTrue(errors.lines().isEmpty(), () -> "logged: " + errors.lines());
        }
    }

    @Test
    void aBodyWithoutContentTypeIsRefused() {
        given().header("Authorization", "Bearer " + FixedTokens.CUSTOMER).body("{\"name\":\"a\"}".getBytes())
                .post("/probe/customer").then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.UNSUPPORTED_MEDIA_TYPE)));
    }

    @Test
    void anUnsupportedContentTypeIsAnsweredOnlyAfterAuthentication() {
        given().contentType(ContentType.TEXT).body("name=a").post("/probe/customer").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer hfc_" + "Z".repeat(43)).contentType(ContentType.TEXT).body("name=a")
                .post("/probe/customer").then().statusCode(401);
        customer().contentType(ContentType.TEXT).body("name=a").post("/probe/customer").then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.UNSUPPORTED_MEDIA_TYPE)));
        customer().body("{\"name\":\"a\"}").post("/probe/customer").then().statusCode(200)
                .body("caller", equalTo("customer:acme"));
    }

    @Test
    void httpLayerRefusalsAreProblems() {
        given().get("/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.NOT_FOUND)));
        given().delete("/probe/public").then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.METHOD_NOT_ALLOWED)));
        given().accept("text/csv").get("/probe/public").then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.NOT_ACCEPTABLE)));
    }

    @Test
    void aFaultIsOneInternalErrorShape() {
        given().get("/probe/boom").then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo(type(ProblemType.INTERNAL_ERROR)))
                .body("title", equalTo("Internal error"))
                .body("detail", not(containsString("a bug")));
    }

    @Test
    void metricsDoNotEchoRawRequestPaths() {
        given().urlEncodingEnabled(false).get("/x%00y/abc").then().statusCode(404);
        given().urlEncodingEnabled(false).body("x".repeat(5000)).post("/x%00y/def").then().statusCode(413);
        given().urlEncodingEnabled(false).delete("/probe/public%00zz");
        customer().urlEncodingEnabled(false).contentType(ContentType.TEXT).body("x").post("/probe/customer%00q");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains("x%00y") || metrics.contains("x\u0000y") || metrics.contains("abc")
                || metrics.contains("/x") || metrics.contains("def") || metrics.contains("zz"), metrics);
    }
}
