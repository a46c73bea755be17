package io.homefleet.hub.approval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApprovalApiTest {
    @Inject
    Db db;

    @Inject
    HubConfig hub;

    @Inject
    ApprovalKeys keys;

    static Map<String, Object> pendingOp(String host) {
        return Map.of("op", "storage_wipe", "host_scope", host, "durable_id", "wwn-0x5000c500a1b2c3d4-part1",
                "fstype", "ext4");
    }

    @Test
    void anApprovalCarriesExactlyTheClaimsTheAgentChecksAndIsAudited() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("approve"), "c1", List.of());
        String pem = given().get("/api/v1/approvals/public-key").then().statusCode(200)
                .body(startsWith("-----BEGIN PUBLIC KEY-----")).extract().asString();
        assertTrue(pem.contains(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.publicKey().getEncoded())
                .substring(0, 64)));
        Path keyFile = Path.of(hub.dataDir()).toAbsolutePath().resolve(ApprovalKeys.GENERATED_FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile));

        JsonNode answer = Json.mapper().readTree(Fleet.operator()
                .body(Map.of("pending_op", pendingOp(host), "reason", "customer asked to reuse the USB disk"))
                .post("/api/v1/approvals").then().statusCode(201)
                .body("pending_op.durable_id", equalTo("wwn-0x5000c500a1b2c3d4-part1"))
                .body("approved_by", equalTo("operator"))
                .extract().asString());
        String jwt = answer.path("approval").asText();
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("ES256", header.path("alg").asText());
        Set<String> names = new java.util.TreeSet<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("op", "host_scope", "durable_id", "fstype", "jti", "iat", "exp"), names);
        assertEquals(host, claims.path("host_scope").asText());
        assertEquals(answer.path("jti").asText(), claims.path("jti").asText());
        long life = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertTrue(life > 0 && life <= 15 * 60, "lives " + life + " s");

        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(keys.publicKey());
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(es256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the published key");

        assertEquals(1, db.count("SELECT count(*) FROM approvals WHERE jti = ?::uuid AND approved_by = 'operator' "
                + "AND reason = 'customer asked to reuse the USB disk'", answer.path("jti").asText()));
        Fleet.operator().get("/api/v1/approvals").then().statusCode(200)
                .body("jti", hasItem(answer.path("jti").asText()))
                .body("find { it.jti == '" + answer.path("jti").asText() + "' }.approval", nullValue());
    }

    @Test
    void anRsaKeyFromAConfiguredFileIsReadWithItsPublicHalfDerived() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.KeyPair pair = rsa.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        java.security.KeyPair read = ApprovalKeys.read(pem, Path.of("configured.pem"));
        assertEquals(pair.getPublic(), read.getPublic());
        org.junit.jupiter.api.Assertions.assertThrows(java.security.GeneralSecurityException.class,
                () -> ApprovalKeys.read("not a key", Path.of("configured.pem")));
    }

    @Test
    void badRequestsAreRefusedAndNothingIsSigned() {
        String host = Fleet.createHost(Fleet.uniqueId("approve-bad"), "c1", List.of());
        long before = db.count("SELECT count(*) FROM approvals");
        Fleet.operator().body(Map.of("pending_op", pendingOp(host))).post("/api/v1/approvals").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        Fleet.operator().body(Map.of("pending_op", pendingOp(host), "reason", "x", "ttl", 3600))
                .post("/api/v1/approvals").then().statusCode(400).body("errors.field", hasItem("ttl"));
        Fleet.operator().body(Map.of("pending_op", Map.of("op", "rm_rf", "host_scope", host, "durable_id", "d",
                "fstype", "ext4", "force", true), "reason", "x")).post("/api/v1/approvals").then().statusCode(400)
                .body("errors.field", hasItem("pending_op.op")).body("errors.field", hasItem("pending_op.force"));
        Fleet.operator().body(Map.of("pending_op", pendingOp("no-such-host"), "reason", "x"))
                .post("/api/v1/approvals").then().statusCode(400)
                .body("detail", containsString("no host 'no-such-host'"));
        Fleet.operator().body("{\"pending_op\": ").post("/api/v1/approvals").then().statusCode(400);
        Fleet.operator().body(Map.of("pending_op", pendingOp(host), "reason", "r".repeat(1001)))
                .post("/api/v1/approvals").then().statusCode(400);
        Fleet.operator().contentType("text/plain").body("x").post("/api/v1/approvals").then().statusCode(415);
        String hostKey = Fleet.hostKey(host);
        Fleet.as(hostKey).body(Map.of("pending_op", pendingOp(host), "reason", "x")).post("/api/v1/approvals").then()
                .statusCode(403).body("detail", equalTo("host key used where an operator token is required"));
        given().contentType("application/json").body(Map.of("pending_op", pendingOp(host), "reason", "x"))
                .post("/api/v1/approvals").then().statusCode(401);
        assertEquals(before, db.count("SELECT count(*) FROM approvals"));
    }
}
