package io.homefleet.agent.localapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.agent.testsupport.AgentTestEnvironment;
import io.homefleet.agent.testsupport.TestEnv;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The local API's credential rules: the guest-token matrix, the operator credential, TLS with a pinned certificate. */
@QuarkusTest
@QuarkusTestResource(AgentTestEnvironment.class)
class LocalApiAuthTest {

    @TestHTTPResource(value = "/host/metrics", tls = true)
    URL httpsMetrics;

    @Test
    void anOversizeBodyIsRefusedBeforeItIsRead() {
        given().auth().oauth2(TestEnv.operatorToken()).contentType(ContentType.JSON)
                .body("{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .when().post("/guests").then().statusCode(413)
                .contentType("application/problem+json")
                .body("limit_bytes", equalTo(65536));
    }

    @Test
    void noTokenIsRefusedWith401AndAProblem() {
        given().when().get("/storage").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("hfg_"));
    }

    @Test
    void aTokenOfTheWrongKindIsRefusedNamingBothKinds() {
        given().auth().oauth2(TestEnv.hostKey()).when().get("/storage").then().statusCode(403)
                .body("detail", equalTo("host key used where a guest token or an operator token is required"));
    }

    @Test
    void anUnknownGuestTokenIsRefused() {
        given().auth().oauth2("hfg_" + "A".repeat(43)).when().get("/storage").then().statusCode(401)
                .body("detail", containsString("unknown or revoked"));
    }

    @Test
    void aTokenMintedByAnotherProcessWorksAtOnceWithoutRestart() throws Exception {
        // A separate JVM runs the real CLI against the same store while this daemon keeps running (the seed's 2a).
        String token = cli("tokens", "mint", "--vmid", "9301", "--config", TestEnv.configFile().toString());
        assertTrue(token.startsWith("hfg_"), token);
        given().auth().oauth2(token).when().get("/storage").then().statusCode(200);
        given().auth().oauth2(token).when().get("/host/metrics").then().statusCode(200);
    }

    @Test
    void aGuestTokenActsOnlyForItsOwnVmid() throws Exception {
        String token = mint(9302);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"vmid\":9399,\"device\":\"/dev/loop0\",\"fstype\":\"ext4\"}")
                .when().post("/disks/format").then().statusCode(403)
                .body("detail", equalTo("this guest token acts only for vmid 9302, not 9399"));
        given().auth().oauth2(token).when().get("/guests/9399").then().statusCode(403);
    }

    @Test
    void operatorEndpointsRefuseGuestTokens() throws Exception {
        String token = mint(9303);
        given().auth().oauth2(token).when().get("/tokens").then().statusCode(403)
                .body("detail", equalTo("guest token used where an operator token is required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/guests").then().statusCode(403);
        given().auth().oauth2("hfo_" + "B".repeat(43)).when().get("/tokens").then().statusCode(401);
        given().auth().oauth2(TestEnv.operatorToken()).when().get("/tokens").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() throws Exception {
        String token = mint(9304);
        given().auth().oauth2(token).when().get("/storage").then().statusCode(200);
        given().auth().oauth2(TestEnv.operatorToken()).when().delete("/tokens/9304").then().statusCode(200)
                .body("revoked", equalTo(1));
        given().auth().oauth2(token).when().get("/storage").then().statusCode(401);
    }

    @Test
    void theGuestTokenStoreIsOwnerOnlyAndHoldsNoToken() throws Exception {
        String token = mint(9305);
        Path store = TestEnv.config().stateDir().resolve("guest-tokens.log");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(store)));
        String content = java.nio.file.Files.readString(store);
        assertTrue(content.contains(io.homefleet.common.credential.Tokens.sha256Hex(token)));
        assertTrue(!content.contains(token), "the store must hold hashes only");
    }

    @Test
    void tlsServesTheCertificateWhoseFingerprintControllersPin() throws Exception {
        String token = mint(9306);
        String pinned = Fingerprint.of(TestEnv.config().tlsCertFile()).toString();
        HttpResponse<String> response = pinnedClient(pinned).send(HttpRequest.newBuilder(httpsMetrics.toURI())
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"memory_total\""));
        HttpClient wrongPin = pinnedClient("00".repeat(32));
        try {
            wrongPin.send(HttpRequest.newBuilder(httpsMetrics.toURI()).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("a client pinning another fingerprint must not connect");
        } catch (SSLHandshakeException expected) {
            // refused, as a controller with a stale pin would be
        }
    }

    /** Trusts exactly one certificate, by SHA-256 fingerprint, as a controller does. */
    static HttpClient pinnedClient(String fingerprint) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(TrustOptions.pinned(Fingerprint.parse(fingerprint)).sslContext()).build();
    }

    /** Mints in this JVM through a second store instance: the daemon still learns of it only from the file. */
    static String mint(int vmid) {
        return new io.homefleet.agent.localapi.auth.GuestTokenStore(TestEnv.config().stateDir().resolve("guest-tokens.log"))
                .mint(vmid, "test");
    }

    /** Runs the agent CLI in a separate JVM, as an operator would on the host; returns its stdout. */
    static String cli(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.homefleet.agent.AgentMain"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "CLI did not finish");
        assertEquals(0, process.exitValue(), "CLI failed: " + out);
        return out;
    }

}
