package io.homefleet.agent.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's calls to the hub: the host report (with the host key) and, for provisioning, creating a customer and
 * issuing its key (with the hub operator token). Keys are read from their files on each call so a rotation needs
 * no restart; they are never logged.
 */
public class HubClient {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final String baseUrl;
    private final Path hostKeyFile;
    private final Path operatorTokenFile;
    private final HttpClient http;

    public HubClient(String baseUrl, Path hostKeyFile, Path operatorTokenFile) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.hostKeyFile = hostKeyFile;
        this.operatorTokenFile = operatorTokenFile;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** What a call came to: accepted, refused by the hub (with its words), or not answered at all. */
    public record Outcome(Kind kind, int status, String detail) {
        public enum Kind { ACCEPTED, REJECTED, UNREACHABLE }

        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }
    }

    public Outcome postHostReport(HostReport report) {
        String key;
        try {
            key = readSecret(hostKeyFile, TokenKind.HOST);
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.REJECTED, 0, e.getMessage());
        }
        return send("POST", "/api/v1/hosts/" + report.hostId() + "/report", key, report);
    }

    /** Creates the customer unless it exists; a 409 (already there) is success. */
    public Outcome ensureCustomer(String id, String name, String domain) throws IOException {
        Outcome outcome = send("POST", "/api/v1/customers", readSecret(operatorTokenFile, TokenKind.OPERATOR),
                Map.of("id", id, "name", name, "domain", domain));
        return outcome.status() == 409 ? new Outcome(Outcome.Kind.ACCEPTED, 409, "customer exists") : outcome;
    }

    /** Issues a new key for the customer (earlier keys stay valid) and returns it. */
    public IssuedKey issueCustomerKey(String customerId) throws IOException {
        HttpResponse<String> response = exchange("POST", "/api/v1/customers/" + customerId + "/keys",
                readSecret(operatorTokenFile, TokenKind.OPERATOR), null);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("hub refused to issue a customer key (HTTP " + response.statusCode() + "): "
                    + problemDetail(response.body()));
        }
        return JSON.readValue(response.body(), IssuedKey.class);
    }

    private Outcome send(String method, String path, String bearer, Object body) {
        try {
            HttpResponse<String> response = exchange(method, path, bearer, body);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(Outcome.Kind.ACCEPTED, status, null);
            }
            Outcome.Kind kind = status >= 500 || status == 429 ? Outcome.Kind.UNREACHABLE : Outcome.Kind.REJECTED;
            return new Outcome(kind, status, "HTTP " + status + ": " + problemDetail(response.body()));
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.UNREACHABLE, 0, "hub unreachable: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(String method, String path, String bearer, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String problemDetail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem != null && problem.hasNonNull("title")) {
                return problem.get("title").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return body == null || body.isBlank() ? "(no detail)" : body.strip().substring(0, Math.min(200, body.strip().length()));
    }

    private static String readSecret(Path file, TokenKind expected) throws IOException {
        if (file == null) {
            throw new IOException("no file configured for the " + expected.displayName());
        }
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the " + expected.displayName() + " from " + file + ": " + e.getMessage(), e);
        }
        if (!token.startsWith(expected.prefix())) {
            throw new IOException(file + " does not hold a " + expected.displayName() + " (" + expected.prefix() + "...)");
        }
        return token;
    }
}
