package io.homefleet.sensorproxy.http;

import io.homefleet.service.tls.Fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.support.PinnedTls;
import io.homefleet.sensorproxy.support.TestCa;
import io.homefleet.sensorproxy.support.TestProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** HTTPS with a generated certificate pinned by fingerprint, bearer token, source subnets and client certificates. */
class HttpsServerTest {
    private static final String TOKEN = "test-token-0123456789abcdef";

    private static HttpResponse<String> get(SSLContext tls, int port, String path, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void generatedCertificatePinnedByFingerprintAndBearerToken() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-http-coretemp-pkg-50.json", """
                http_enabled: true
                http_listen_addr: 127.0.0.1:0
                http_auth_token: %s
                allowed_source_subnets: [127.0.0.0/8]
                """.formatted(TOKEN))) {
            HttpsServer https = t.proxy.https();
            Path key = dir.resolve("state/tls/server.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals(https.fingerprint(), Fingerprint.of(dir.resolve("state/tls/server.crt")).toString());
            SSLContext pinned = PinnedTls.context(https.fingerprint(), null, null);

            HttpResponse<String> one = get(pinned, https.port(), "/temps?node=pve-local", TOKEN);
            assertEquals(200, one.statusCode(), one.body());
            JsonNode snapshot = Json.mapper().readTree(one.body());
            assertEquals(50.0, snapshot.path("cpu").path("package").asDouble(), "parsed, not passed through as text");

            HttpResponse<String> all = get(pinned, https.port(), "/temps", TOKEN);
            assertEquals("pve-local", Json.mapper().readTree(all.body()).path("temperatures").path(0).path("node").asText());
            JsonNode health = Json.mapper().readTree(get(pinned, https.port(), "/health", TOKEN).body());
            assertEquals(1, health.path("node_count").asInt());
            assertEquals("ok", health.path("status").asText());
            assertTrue(health.hasNonNull("version") && health.has("last_sync"), health::toString);

            HttpResponse<String> wrong = get(pinned, https.port(), "/temps", "test-token-0123456789abcdeX");
            assertEquals(401, wrong.statusCode());
            assertEquals("application/problem+json", wrong.headers().firstValue("Content-Type").orElse(""));
            assertEquals(401, get(pinned, https.port(), "/temps", null).statusCode());
            assertEquals(404, get(pinned, https.port(), "/q/metrics", TOKEN).statusCode(), "management endpoints never here");
            assertEquals(400, get(pinned, https.port(), "/temps?node=-x", TOKEN).statusCode());
            HttpResponse<String> post = HttpClient.newBuilder().sslContext(pinned).build().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + https.port() + "/temps")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());

            SSLContext otherPin = PinnedTls.context("00".repeat(32), null, null);
            assertThrows(IOException.class, () -> get(otherPin, https.port(), "/health", TOKEN), "a different certificate is refused");
        }
    }

    @Test
    void sourcesOutsideTheSubnetsAreRefusedAndClientCertificatesAreRequiredWithACa() throws Exception {
        Path dir = TestProxy.workDir();
        TestCa ca = new TestCa("Homefleet test CA");
        ca.writePem(dir.resolve("clients-ca.pem"));
        char[] password = "pw".toCharArray();
        KeyStore client = ca.issueClient("hub", password);
        KeyStore stranger = new TestCa("Other CA").issueClient("hub", password);
        try (TestProxy t = TestProxy.start(dir, "proxy-http-coretemp-pkg-50.json", """
                http_enabled: true
                http_listen_addr: 127.0.0.1:0
                http_auth_token: %s
                http_client_ca: clients-ca.pem
                allowed_source_subnets: [10.99.0.0/16]
                """.formatted(TOKEN))) {
            HttpsServer https = t.proxy.https();
            SSLContext withCert = PinnedTls.context(https.fingerprint(), client, password);
            HttpResponse<String> refused = get(withCert, https.port(), "/temps", TOKEN);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("allowed_source_subnets"), refused.body());

            assertThrows(IOException.class, () -> get(PinnedTls.context(https.fingerprint(), null, null), https.port(), "/health", TOKEN),
                    "no client certificate, no handshake");
            assertThrows(IOException.class, () -> get(PinnedTls.context(https.fingerprint(), stranger, password), https.port(), "/health", TOKEN),
                    "a certificate from another CA is refused");
        }
        try (TestProxy t = TestProxy.start(TestProxy.workDir(), "proxy-http-coretemp-pkg-50.json", """
                http_enabled: true
                http_listen_addr: 127.0.0.1:0
                http_auth_token: %s
                http_client_ca: %s
                """.formatted(TOKEN, dir.resolve("clients-ca.pem")))) {
            HttpsServer https = t.proxy.https();
            HttpResponse<String> ok = get(PinnedTls.context(https.fingerprint(), client, password), https.port(), "/temps?node=pve-local", TOKEN);
            assertEquals(200, ok.statusCode(), ok.body());
        }
    }
}
