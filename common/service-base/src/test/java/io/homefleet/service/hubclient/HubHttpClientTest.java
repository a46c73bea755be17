package io.homefleet.service.hubclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.json.Json;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.testing.LocalHttpsServer;
import io.homefleet.service.tls.SelfSignedCertificate;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real local HTTP server that answers what each test sets. */
class HubHttpClientTest {
    private static final Credential OPERATOR = Credential.bearer("hfo_operator");
    private LocalHttpsServer server;
    private volatile Reply reply;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    private record Reply(int status, String contentType, String body, Map<String, String> headers) {
    }

    @BeforeEach
    void start() throws IOException {
        server = LocalHttpsServer.http(this::handle);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply r = reply;
        r.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (r.contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", r.contentType);
        }
        byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(r.status, r.status == 304 || body.length == 0 ? -1 : body.length);
        if (body.length > 0 && r.status != 304) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private void answer(int status, String contentType, String body, Map<String, String> headers) {
        reply = new Reply(status, contentType, body, headers);
    }

    private HubHttpClient client() throws IOException {
        return HubHttpClient.create(HubConnection.to(server.url()).allowingPlainHttp(true)
                .withTimeout(Duration.ofSeconds(5)).withUserAgent("homefleet-test/1"));
    }

    @Test
    void aProblemBecomesOneExceptionWithStatusTypeAndDetail() throws Exception {
        answer(403, "application/problem+json", """
                {"type":"urn:homefleet:problem:wrong-credential-kind","title":"Wrong credential kind","status":403,
                 "detail":"host key used where a customer key is required","extra":1}""", Map.of());
        HubException e = assertThrows(HubException.class, () -> client().issueCustomerKey(OPERATOR, "acme"));
        assertEquals(HubException.Kind.REFUSED, e.kind());
        assertEquals(403, e.status());
        assertEquals(ProblemType.WRONG_CREDENTIAL_KIND, e.problemType());
        assertEquals("Wrong credential kind", e.problem().title());
        assertEquals("HTTP 403: host key used where a customer key is required", e.getMessage());
        assertNull(e.retryAfter());
        assertTrue(!e.retryable(), "a 403 does not go away by retrying");
        assertEquals("POST", seen.get("method"));
        assertEquals("/api/v1/customers/acme/keys", seen.get("path"));
        assertEquals("Bearer hfo_operator", seen.get("authorization"));
        assertEquals("homefleet-test/1", seen.get("user-agent"));
    }

    @Test
    void anotherServersProblemKeepsItsWordsWithoutAType() throws Exception {
        answer(404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}", Map.of());
        HubException e = assertThrows(HubException.class, () -> client().call("GET", "/nowhere", null, null, Void.class));
        assertEquals("HTTP 404: Not Found", e.getMessage(), "the title when there is no detail");
        assertNull(e.problemType());
        answer(502, "text/html", "<html>\n<b>bad gateway</b></html>", Map.of());
        e = assertThrows(HubException.class, () -> client().call("GET", "/x", null, null, Void.class));
        assertEquals("HTTP 502: <html> <b>bad gateway</b></html>", e.getMessage(), "the start of a non-problem body, one line");
        assertNull(e.problem());
        assertTrue(e.retryable());
        answer(500, null, "", Map.of());
        assertEquals("HTTP 500: (no body)",
                assertThrows(HubException.class, () -> client().call("GET", "/x", null, null, Void.class)).getMessage());
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSecondsOrAsADate() throws Exception {
        answer(429, "application/problem+json",
                "{\"type\":\"urn:homefleet:problem:rate-limited\",\"title\":\"Too many requests\",\"status\":429}",
                Map.of("Retry-After", "7"));
        HubException e = assertThrows(HubException.class, () -> client().authorizedNodes(Credential.proxyToken("hfp_x"), null));
        assertEquals(HubException.Kind.RATE_LIMITED, e.kind());
        assertEquals(ProblemType.RATE_LIMITED, e.problemType());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertEquals("hfp_x", seen.get("x-proxy-token"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(Instant.now().plusSeconds(120), ZoneOffset.UTC));
        answer(503, "application/problem+json", "{\"title\":\"starting\",\"status\":503}", Map.of("Retry-After", date));
        e = assertThrows(HubException.class, () -> client().authorizedNodes(Credential.proxyToken("hfp_x"), null));
        assertEquals(HubException.Kind.REFUSED, e.kind());
        assertTrue(e.retryAfter().toSeconds() > 100 && e.retryAfter().toSeconds() <= 120, e.retryAfter().toString());
    }

    @Test
    void authorizedNodesWithEtag() throws Exception {
        List<AuthorizedNode> nodes = List.of(new AuthorizedNode("pve1", "10.0.0.1"));
        String hash = AuthorizedNodes.hashOf(nodes);
        String json = Json.mapper().writeValueAsString(new AuthorizedNodes(nodes, hash, 60, Instant.now()));
        answer(200, "application/json", json, Map.of("ETag", "\"" + hash + "\""));
        Conditional<AuthorizedNodes> first = client().authorizedNodes(Credential.proxyToken("hfp_x"), null);
        assertEquals(nodes, first.value().nodes());
        assertEquals(hash, first.etag());
        assertNull(seen.get("if-none-match"));
        seen.clear();
        answer(304, null, "", Map.of("ETag", "\"" + hash + "\""));
        Conditional<AuthorizedNodes> again = client().authorizedNodes(Credential.proxyToken("hfp_x"), hash);
        assertTrue(again.isNotModified());
        assertEquals("\"" + hash + "\"", seen.get("if-none-match"));
        assertEquals("/api/v1/temperature-proxy/authorized-nodes", seen.get("path"));
    }

    @Test
    void anUnusableSuccessIsRejected() throws Exception {
        answer(200, "application/json", "{\"nodes\": [", Map.of());
        HubException e = assertThrows(HubException.class, () -> client().authorizedNodes(Credential.proxyToken("t"), null));
        assertEquals(HubException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().startsWith("the hub's answer was refused: not a valid authorized-nodes document"),
                e.getMessage());
        answer(200, "application/json", "x".repeat(HubConnection.DEFAULT_MAX_ANSWER_BYTES + 10), Map.of());
        e = assertThrows(HubException.class, () -> client().authorizedNodes(Credential.proxyToken("t"), null));
        assertTrue(e.getMessage().contains("larger than " + HubConnection.DEFAULT_MAX_ANSWER_BYTES), e.getMessage());
    }

    @Test
    void aRegistrationWithoutAControlTokenIsRejected() throws Exception {
        answer(201, "application/json", "{\"host_id\":\"pve1\",\"ctrl_token\":\" \"}", Map.of());
        HubException e = assertThrows(HubException.class, () -> client().registerTemperatureProxy(
                Credential.bearer("hfh_host"), new io.homefleet.common.contract.v1.TemperatureProxyRegistration("pve1",
                        null, io.homefleet.common.contract.v1.TemperatureProxyRegistration.Kind.SOCKET, null)));
        assertEquals(HubException.Kind.REJECTED, e.kind());
        assertEquals("the hub's answer was refused: the registration answer has no ctrl_token", e.getMessage());
        assertEquals("/api/v1/temperature-proxy/register", seen.get("path"));
    }

    @Test
    void typedCallsSendAndReadTheContractRecords() throws Exception {
        answer(201, "application/json", "{\"key\":\"hfc_abc\",\"kind\":\"customer\"}", Map.of());
        IssuedKey key = client().issueCustomerKey(OPERATOR, "acme");
        assertEquals("hfc_abc", key.key());
        answer(201, "application/json", "{}", Map.of());
        client().createCustomer(OPERATOR, new io.homefleet.common.contract.v1.CustomerRequest("acme", "Acme", null,
                "acme.example", null));
        assertEquals("/api/v1/customers", seen.get("path"));
        assertTrue(seen.get("body").contains("\"domain\":\"acme.example\""), seen.get("body"));
        assertEquals("application/json", seen.get("content-type"));
    }

    @Test
    void plainHttpOnlyWhenAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubHttpClient.create(HubConnection.to(server.url())));
        assertTrue(e.getMessage().contains("plain http"), e.getMessage());
    }

    @Test
    void noAnswerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HubHttpClient client = HubHttpClient.create(HubConnection.to(URI.create("http://127.0.0.1:" + closedPort))
                .allowingPlainHttp(true).withTimeout(Duration.ofSeconds(2)));
        HubException e = assertThrows(HubException.class, () -> client.call("GET", "/", null, null, Void.class));
        assertEquals(HubException.Kind.UNREACHABLE, e.kind());
        assertEquals(0, e.status());
        assertTrue(e.getMessage().startsWith("cannot reach the hub at http://127.0.0.1:" + closedPort + ": ConnectException"),
                e.getMessage());
    }

    @Test
    void overTlsThePinDecides() throws Exception {
        SelfSignedCertificate hubCert = SelfSignedCertificate.generate("CN=hub", List.of("hub.example"));
        try (LocalHttpsServer tls = LocalHttpsServer.https(hubCert, exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        })) {
            HubConnection to = HubConnection.to(tls.url()).withTimeout(Duration.ofSeconds(5));
            HubHttpClient.create(to.trusting(TrustOptions.pinned(hubCert.fingerprint()))).call("GET", "/", null, null, Void.class);
            SelfSignedCertificate other = SelfSignedCertificate.generate("CN=hub", List.of("hub.example"));
            HubException e = assertThrows(HubException.class, () -> HubHttpClient.create(
                    to.trusting(TrustOptions.pinned(other.fingerprint()))).call("GET", "/", OPERATOR, null, Void.class));
            assertEquals(HubException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
        }
    }
}
