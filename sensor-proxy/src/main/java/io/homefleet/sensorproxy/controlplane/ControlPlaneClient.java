package io.homefleet.sensorproxy.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.Version;
import io.homefleet.sensorproxy.config.AllowedNodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The hub's temperature-proxy API as the proxy calls it: {@code POST .../register} with the host key, and
 * {@code GET .../authorized-nodes} with the control token and {@code If-None-Match}. An answer is used only when
 * it is whole and consistent: a list that is empty, fails its own hash or does not parse is refused here.
 */
public final class ControlPlaneClient {
    static final String API = "/api/v1/temperature-proxy";
    /** Far above any real cluster's list; an answer larger than this is not read to the end. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");
    private static final ObjectMapper JSON = Json.mapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public ControlPlaneClient(URI base, SSLContext tls, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /** Registers (or re-registers, rotating the tokens) this host's proxy. */
    public TemperatureProxyRegistered register(String hostKey, TemperatureProxyRegistration registration) throws HubException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(registration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = request("/register").header("Authorization", "Bearer " + hostKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Answer answer = send(request);
        if (answer.status != 200) {
            throw refused(answer);
        }
        try {
            TemperatureProxyRegistered registered = JSON.readValue(answer.body, TemperatureProxyRegistered.class);
            if (registered.ctrlToken() == null || registered.ctrlToken().isBlank()) {
                throw new HubException(HubException.Kind.REJECTED, "the hub's registration answer has no ctrl_token");
            }
            return registered;
        } catch (IOException e) {
            throw new HubException(HubException.Kind.REJECTED, "the hub's registration answer is not valid JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    /** The current list, or empty when it is still {@code etag} (304). */
    public Optional<AuthorizedNodes> authorizedNodes(String token, String etag) throws HubException {
        HttpRequest.Builder b = request("/authorized-nodes").header("X-Proxy-Token", token).GET();
        if (etag != null) {
            b.header("If-None-Match", "\"" + etag + "\"");
        }
        Answer answer = send(b.build());
        if (answer.status == 304 && etag != null) {
            return Optional.empty();
        }
        if (answer.status != 200) {
            throw refused(answer);
        }
        return Optional.of(validate(answer.body));
    }

    /** Parses and checks an authorized-nodes answer; every way it can be unusable is a REJECTED failure. */
    static AuthorizedNodes validate(byte[] body) throws HubException {
        AuthorizedNodes list;
        try {
            list = JSON.readValue(body, AuthorizedNodes.class);
        } catch (IOException e) {
            throw rejected("not a valid authorized-nodes document: " + firstLine(e.getMessage()));
        }
        if (list == null || list.nodes() == null) {
            throw rejected("the answer has no nodes");
        }
        if (list.nodes().isEmpty()) {
            throw rejected("the list is empty (a proxy's own host is always on it)");
        }
        if (list.nodes().stream().anyMatch(n -> n == null || n.name() == null || n.name().isBlank())) {
            throw rejected("a node has no name");
        }
        if (list.hash() == null || !HASH.matcher(list.hash()).matches()) {
            throw rejected("the hash '" + list.hash() + "' is not sha256:<64 hex digits>");
        }
        if (!list.hashMatches()) {
            throw rejected("the nodes do not hash to " + list.hash() + " (computed "
                    + AuthorizedNodes.hashOf(list.nodes()) + ")");
        }
        if (list.updatedAt() == null) {
            throw rejected("the answer has no updated_at");
        }
        try {
            AllowedNodes.fromAuthorized(list.nodes());
        } catch (IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
        return list;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + API + path)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", "homefleet-sensor-proxy/" + Version.current());
    }

    private Answer send(HttpRequest request) throws HubException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                throw rejected("the answer is larger than " + MAX_BODY_BYTES + " bytes");
            }
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(ControlPlaneClient::seconds).orElse(null);
            return new Answer(response.statusCode(), body, retryAfter);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.UNREACHABLE, "cannot reach the hub at " + base + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.UNREACHABLE, "interrupted");
        }
    }

    private static HubException refused(Answer answer) {
        String detail = answer.problemDetail();
        if (answer.status == 429) {
            return new HubException(HubException.Kind.RATE_LIMITED, 429, "HTTP 429: " + detail, answer.retryAfter);
        }
        return new HubException(HubException.Kind.REFUSED, answer.status, "HTTP " + answer.status + ": " + detail,
                answer.retryAfter);
    }

    private static HubException rejected(String why) {
        return new HubException(HubException.Kind.REJECTED, "the hub's answer was refused: " + why);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private record Answer(int status, byte[] body, Duration retryAfter) {
        /** The problem+json {@code detail}, else the start of the body. */
        String problemDetail() {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem != null && problem.hasNonNull("detail")) {
                    return problem.get("detail").asText();
                }
            } catch (IOException ignored) {
                // not JSON: fall through to the text
            }
            String text = new String(body, StandardCharsets.UTF_8).strip();
            text = text.length() > 200 ? text.substring(0, 200) + "…" : text;
            return text.isEmpty() ? "(no body)" : text.replaceAll("\\p{Cntrl}", " ");
        }
    }
}
