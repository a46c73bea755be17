package io.homefleet.hub.auth;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against every kind of caller: no token, garbage, unknown, revoked, another customer's or
 * host's key, a key of the wrong kind, and the right one.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixTest {
    private String customer;
    private String otherCustomer;
    private String customerKey;
    private String otherCustomerKey;
    private String revokedCustomerKey;
    private String host;
    private String hostKey;
    private String otherHostKey;
    private String revokedHostKey;
    private String revokedOperatorToken;
    private String provisioningKey;
    private String revokedProvisioningKey;
    private String app;

    @jakarta.inject.Inject
    CredentialService credentials;

    /** One endpoint: how to call it, and the token kind it needs. */
    record Endpoint(String name, TokenKind needs, Function<RequestSpecification, ValidatableResponse> send) {
        ValidatableResponse call(String token) {
            return send.apply(as(token));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Once per class, but after Quarkus has pointed RestAssured at the test port (not so in @BeforeAll). */
    @BeforeEach
    void fleet() {
        if (customer != null) {
            return;
        }
        customer = Fleet.createCustomer(Fleet.uniqueId("auth"));
        otherCustomer = Fleet.createCustomer(Fleet.uniqueId("auth-other"));
        customerKey = Fleet.customerKey(customer);
        otherCustomerKey = Fleet.customerKey(otherCustomer);
        revokedCustomerKey = Fleet.customerKey(customer);
        String keyId = Fleet.operator().get("/api/v1/customers/" + customer + "/keys").then().statusCode(200)
                .extract().path("find { it.hint == '" + Tokens.hint(revokedCustomerKey) + "' }.key_id");
        Fleet.operator().delete("/api/v1/customers/" + customer + "/keys/" + keyId).then().statusCode(204);
        host = Fleet.createHost(Fleet.uniqueId("auth-host"), "c1", List.of("10.0.0.1"));
        hostKey = Fleet.hostKey(host);
        otherHostKey = Fleet.hostKey(Fleet.createHost(Fleet.uniqueId("auth-host-other"), "c1", List.of()));
        revokedHostKey = Fleet.hostKey(host);
        String hostKeyId = Fleet.operator().get("/api/v1/hosts/" + host + "/keys").then().statusCode(200)
                .extract().path("find { it.hint == '" + Tokens.hint(revokedHostKey) + "' }.key_id");
        Fleet.operator().delete("/api/v1/hosts/" + host + "/keys/" + hostKeyId).then().statusCode(204);
        // Operator tokens come from configuration; a second one, revoked, is made directly.
        io.homefleet.common.contract.v1.IssuedKey extra = credentials.issue(TokenKind.OPERATOR, null, null);
        credentials.revoke(TokenKind.OPERATOR, extra.keyId(), null, null);
        revokedOperatorToken = extra.key();
        // What the new endpoints need to answer 2xx to the right kind: a managed customer placed on the host.
        Fleet.operator().body(Map.of("identity", Map.of("name", "Auth"))).put("/api/v1/customers/" + customer + "/config")
                .then().statusCode(200);
        Fleet.operator().body(Map.of("host_id", host, "vmid", 9200)).put("/api/v1/customers/" + customer + "/placement")
                .then().statusCode(200);
        provisioningKey = Fleet.operator().post("/api/v1/provisioning-keys").then().statusCode(201)
                .body("kind", equalTo("provisioning key")).extract().path("key");
        revokedProvisioningKey = Fleet.operator().post("/api/v1/provisioning-keys").then().statusCode(201)
                .extract().path("key");
        String provisioningKeyId = Fleet.operator().get("/api/v1/provisioning-keys").then().statusCode(200)
                .extract().path("find { it.hint == '" + Tokens.hint(revokedProvisioningKey) + "' }.key_id");
        Fleet.operator().delete("/api/v1/provisioning-keys/" + provisioningKeyId).then().statusCode(204);
        app = Fleet.uniqueId("eu.felhom.auth");
        io.homefleet.hub.support.CatalogFiles.upload(io.homefleet.hub.support.CatalogFiles.nextcloudAs(app)).then()
                .statusCode(201);
    }

    private static ValidatableResponse importYaml(RequestSpecification t) {
        return t.contentType("application/yaml").body(io.homefleet.hub.support.CatalogFiles
                .nextcloudAs(Fleet.uniqueId("eu.felhom.auth-new")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/catalog/apps").then();
    }

    Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST /api/v1/report", TokenKind.CUSTOMER,
                        t -> t.body(Fleet.report(customer)).post("/api/v1/report").then()),
                new Endpoint("POST /api/v1/event", TokenKind.CUSTOMER,
                        t -> t.body(Fleet.event(customer, "backup_completed", "info")).post("/api/v1/event").then()),
                new Endpoint("POST /api/v1/hosts/{id}/report", TokenKind.HOST,
                        t -> t.body(Fleet.hostReport(host)).post("/api/v1/hosts/" + host + "/report").then()),
                new Endpoint("GET /api/v1/customers", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers").then()),
                new Endpoint("GET /api/v1/customers/{id}", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer).then()),
                new Endpoint("GET /api/v1/customers/{id}/history", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/history?period=7d").then()),
                new Endpoint("GET /api/v1/customers/{id}/events", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/events").then()),
                new Endpoint("GET /api/v1/customers/{id}/keys", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/keys").then()),
                new Endpoint("POST /api/v1/customers", TokenKind.OPERATOR,
                        t -> t.body(Map.of("id", Fleet.uniqueId("auth-new"), "name", "N"))
                                .post("/api/v1/customers").then()),
                new Endpoint("POST /api/v1/customers/{id}/unblock", TokenKind.OPERATOR,
                        t -> t.post("/api/v1/customers/" + customer + "/unblock").then()),
                new Endpoint("GET /api/v1/hosts", TokenKind.OPERATOR, t -> t.get("/api/v1/hosts").then()),
                new Endpoint("GET /api/v1/hosts/{id}", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/hosts/" + host).then()),
                new Endpoint("GET /api/v1/hosts/{id}/keys", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/hosts/" + host + "/keys").then()),
                new Endpoint("GET /api/v1/customers/{id}/config", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/config").then()),
                new Endpoint("PUT /api/v1/customers/{id}/config", TokenKind.OPERATOR,
                        t -> t.body(Map.of("identity", Map.of("name", "Auth")))
                                .put("/api/v1/customers/" + customer + "/config").then()),
                new Endpoint("GET /api/v1/customers/{id}/config/revisions", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/config/revisions").then()),
                new Endpoint("POST /api/v1/customers/{id}/config/retrieval-password", TokenKind.OPERATOR,
                        t -> t.post("/api/v1/customers/" + customer + "/config/retrieval-password").then()),
                new Endpoint("GET /api/v1/config-template", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/config-template").then()),
                new Endpoint("GET /api/v1/config-template/versions", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/config-template/versions").then()),
                new Endpoint("PUT /api/v1/customers/{id}/placement", TokenKind.OPERATOR,
                        t -> t.body(Map.of("host_id", host, "vmid", 9200))
                                .put("/api/v1/customers/" + customer + "/placement").then()),
                new Endpoint("GET /api/v1/customers/{id}/placement", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/placement").then()),
                new Endpoint("POST /api/v1/hosts/{id}/guests/{vmid}/customer-key", TokenKind.HOST,
                        t -> t.body(Map.of("customer_id", customer))
                                .post("/api/v1/hosts/" + host + "/guests/9200/customer-key").then()),
                new Endpoint("POST /api/v1/provisioning-keys", TokenKind.OPERATOR,
                        t -> t.post("/api/v1/provisioning-keys").then()),
                new Endpoint("GET /api/v1/provisioning-keys", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/provisioning-keys").then()),
                new Endpoint("POST /api/v1/approvals", TokenKind.OPERATOR,
                        t -> t.body(Map.of("pending_op", Map.of("op", "storage_wipe", "host_scope", host,
                                "durable_id", "wwn-0x1", "fstype", "ext4"), "reason", "auth matrix"))
                                .post("/api/v1/approvals").then()),
                new Endpoint("GET /api/v1/approvals", TokenKind.OPERATOR, t -> t.get("/api/v1/approvals").then()),
                new Endpoint("GET /api/v1/desired-state", TokenKind.CUSTOMER,
                        t -> t.get("/api/v1/desired-state").then()),
                new Endpoint("PUT /api/v1/preferences", TokenKind.CUSTOMER,
                        t -> t.body(Fleet.preferences(customer, "hu", true)).put("/api/v1/preferences").then()),
                new Endpoint("POST /api/v1/catalog/apps", TokenKind.OPERATOR, AuthMatrixTest::importYaml),
                new Endpoint("GET /api/v1/catalog/apps", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/catalog/apps").then()),
                new Endpoint("GET /api/v1/catalog/apps/{id}", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/catalog/apps/" + app).then()),
                new Endpoint("PUT /api/v1/customers/{id}/apps/{app}", TokenKind.OPERATOR,
                        t -> t.body(Map.of("version", "29.0.4", "settings", Map.of("admin_password", "pw")))
                                .put("/api/v1/customers/" + customer + "/apps/" + app).then()),
                new Endpoint("GET /api/v1/customers/{id}/apps", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/apps").then()),
                new Endpoint("GET /api/v1/customers/{id}/sync", TokenKind.OPERATOR,
                        t -> t.get("/api/v1/customers/" + customer + "/sync").then()),
                new Endpoint("GET /api/v1/updates", TokenKind.OPERATOR, t -> t.get("/api/v1/updates").then()),
                new Endpoint("POST /api/v1/updates/check", TokenKind.OPERATOR,
                        t -> t.post("/api/v1/updates/check").then()));
    }

    private String tokenOf(TokenKind kind) {
        return switch (kind) {
            case CUSTOMER -> customerKey;
            case HOST -> hostKey;
            case OPERATOR -> Fleet.OPERATOR_TOKEN;
            case PROVISIONING -> provisioningKey;
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    @ParameterizedTest(name = "{0}: no token → 401")
    @MethodSource("endpoints")
    void withoutTokenIsUnauthorized(Endpoint e) {
        e.send().apply(given().contentType(ContentType.JSON)).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", containsString(e.needs().prefix()));
        e.call("").statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}: garbage token → 401")
    @MethodSource("endpoints")
    void garbageTokenIsUnauthorized(Endpoint e) {
        e.call("not-a-token").statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}: unknown token of the right kind → 401")
    @MethodSource("endpoints")
    void unknownTokenIsUnauthorized(Endpoint e) {
        e.call(Tokens.generate(e.needs())).statusCode(401)
                .body("detail", containsString("unknown or revoked"));
    }

    @ParameterizedTest(name = "{0}: revoked token of the right kind → 401")
    @MethodSource("endpoints")
    void revokedTokenIsUnauthorized(Endpoint e) {
        String revoked = switch (e.needs()) {
            case CUSTOMER -> revokedCustomerKey;
            case HOST -> revokedHostKey;
            default -> revokedOperatorToken;
        };
        e.call(revoked).statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("unknown or revoked " + e.needs().displayName()));
    }

    @ParameterizedTest(name = "{0}: the right kind → accepted")
    @MethodSource("endpoints")
    void rightKindIsAccepted(Endpoint e) {
        int status = e.call(tokenOf(e.needs())).extract().statusCode();
        org.junit.jupiter.api.Assertions.assertTrue(status >= 200 && status < 300, e + " answered " + status);
    }

    @ParameterizedTest(name = "{0}: every other kind → 403 naming both")
    @MethodSource("endpoints")
    void otherKindsAreForbiddenByName(Endpoint e) {
        for (TokenKind presented : List.of(TokenKind.CUSTOMER, TokenKind.HOST, TokenKind.OPERATOR,
                TokenKind.PROVISIONING)) {
            if (presented == e.needs()) {
                continue;
            }
            e.call(tokenOf(presented)).statusCode(403).contentType("application/problem+json")
                    .body("detail", equalTo(presented.displayName() + " used where "
                            + (e.needs() == TokenKind.OPERATOR ? "an " : "a ") + e.needs().displayName()
                            + " is required"))
                    .body("required", equalTo(e.needs().displayName()))
                    .body("presented", equalTo(presented.displayName()));
        }
    }

    @Test
    void aProvisioningKeyRegistersHostsAndIssuesOrRotatesTheirKeysAndNothingElse() {
        String id = Fleet.uniqueId("prov-host");
        as(provisioningKey).body(Map.of("id", id, "hostname", id + ".lan")).post("/api/v1/hosts").then().statusCode(201)
                .body("id", equalTo(id));
        String hostKeyOfNewHost = as(provisioningKey).post("/api/v1/hosts/" + id + "/keys").then().statusCode(201)
                .body("kind", equalTo("host key")).extract().path("key");
        as(hostKeyOfNewHost).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(202);
        // A retried hand-over rotates: the key of the earlier attempt stops working, the new one works.
        String rotated = as(provisioningKey).post("/api/v1/hosts/" + id + "/keys/rotate").then().statusCode(201)
                .body("kind", equalTo("host key")).extract().path("key");
        as(hostKeyOfNewHost).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(401);
        as(rotated).body(Fleet.hostReport(id)).post("/api/v1/hosts/" + id + "/report").then().statusCode(202);
        // Everything else about hosts stays the operator's.
        as(provisioningKey).get("/api/v1/hosts/" + id + "/keys").then().statusCode(403);
        as(customerKey).post("/api/v1/hosts/" + id + "/keys/rotate").then().statusCode(403);
        as(provisioningKey).delete("/api/v1/hosts/" + id).then().statusCode(403);
        as(provisioningKey).get("/api/v1/hosts").then().statusCode(403);
        as(provisioningKey).post("/api/v1/provisioning-keys").then().statusCode(403)
                .body("detail", equalTo("provisioning key used where an operator token is required"));
        // Both kinds may register hosts; any other kind is told which ones.
        for (String wrong : List.of(customerKey, hostKey)) {
            String refused = Fleet.uniqueId("prov-no");
            as(wrong).body(Map.of("id", refused, "hostname", "x.lan")).post("/api/v1/hosts").then()
                    .statusCode(403).body("detail", containsString(
                            "used where an operator token or a provisioning key is required"));
            Fleet.operator().get("/api/v1/hosts/" + refused).then().statusCode(404);
            as(wrong).post("/api/v1/hosts/" + id + "/keys").then().statusCode(403);
        }
        as(revokedProvisioningKey).body(Map.of("id", Fleet.uniqueId("prov-rev"), "hostname", "x.lan"))
                .post("/api/v1/hosts").then().statusCode(401)
                .body("detail", equalTo("unknown or revoked provisioning key"));
        as(Tokens.generate(TokenKind.PROVISIONING)).post("/api/v1/hosts/" + id + "/keys").then().statusCode(401);
        String listing = Fleet.operator().get("/api/v1/provisioning-keys").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains(provisioningKey.substring(4)), "a listing leaked a key");
    }

    @Test
    void theRetrievalPasswordIsNoBearerTokenAndTheApprovalKeyIsPublic() {
        given().header("X-Retrieval-Password", "nope").get("/api/v1/config/" + customer).then().statusCode(401)
                .contentType("application/problem+json");
        as(customerKey).get("/api/v1/config/" + customer).then().statusCode(401)
                .body("detail", containsString("X-Retrieval-Password"));
        given().get("/api/v1/approvals/public-key").then().statusCode(200)
                .body(startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void hostKeyOnReportGetsTheExactSeedMessage() {
        as(hostKey).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(403)
                .body("detail", equalTo("host key used where a customer key is required"));
    }

    @Test
    void revokedCustomerKeyIsUnauthorized() {
        as(revokedCustomerKey).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(401)
                .body("detail", equalTo("unknown or revoked customer key"));
        as(revokedCustomerKey).body(Fleet.event(customer, "backup_completed", "info")).post("/api/v1/event").then()
                .statusCode(401);
    }

    @Test
    void anotherCustomersKeyIsForbiddenNamingBoth() {
        as(otherCustomerKey).body(Fleet.report(customer)).post("/api/v1/report").then().statusCode(403)
                .body("detail", containsString("'" + otherCustomer + "'"))
                .body("detail", containsString("'" + customer + "'"));
        as(otherCustomerKey).body(Fleet.event(customer, "backup_completed", "info")).post("/api/v1/event").then()
                .statusCode(403).body("detail", containsString("'" + customer + "'"));
    }

    @Test
    void aCustomerKeyReadsOnlyItsOwnDesiredState() {
        String other = as(otherCustomerKey).get("/api/v1/desired-state").then().statusCode(200).extract().header("ETag");
        String own = as(customerKey).get("/api/v1/desired-state").then().statusCode(200).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(own, other);
        // An ETag of another customer's state never makes this customer's poll a 304.
        as(customerKey).header("If-None-Match", other).get("/api/v1/desired-state").then().statusCode(200);
    }

    @Test
    void anotherHostsKeyIsForbiddenNamingBoth() {
        as(otherHostKey).body(Fleet.hostReport(host)).post("/api/v1/hosts/" + host + "/report").then()
                .statusCode(403).body("detail", containsString("'" + host + "'"));
    }

    @Test
    void rotationRevokesTheOldKeyAtOnce() {
        String id = Fleet.createCustomer(Fleet.uniqueId("rotate"));
        String old = Fleet.customerKey(id);
        as(old).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        String fresh = Fleet.operator().post("/api/v1/customers/" + id + "/keys/rotate").then().statusCode(201)
                .body("kind", equalTo("customer key")).body("customer_id", equalTo(id))
                .extract().path("key");
        as(old).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(401);
        as(fresh).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
    }

    @Test
    void keyListingsNeverShowSecrets() {
        String body = Fleet.operator().get("/api/v1/customers/" + customer + "/keys").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(customerKey), "a listing leaked a key");
        org.junit.jupiter.api.Assertions.assertFalse(body.contains(customerKey.substring(12)));
    }
}
