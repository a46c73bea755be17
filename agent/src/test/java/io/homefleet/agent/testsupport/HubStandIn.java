package io.homefleet.agent.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HUB STAND-IN for agent tests that run without the hub jar: it answers the hub's documented v1 contract for the
 * calls the agent makes (a placed guest's customer key, host report), both with the host key, and nothing else. Tests steer it over
 * HTTP (/_standin/...) so it works across class loaders. The real hub is exercised by RealHubTest.
 */
public final class HubStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern GUEST_KEY = Pattern.compile("^/api/v1/hosts/([a-z0-9-]+)/guests/([0-9]+)/customer-key$");
    private static final Pattern REPORT = Pattern.compile("^/api/v1/hosts/([a-z0-9-]+)/report$");
    private final HttpServer server;
    private final String hostKey;
    private final String hostId;
    /** The operator's placements on this host: customer id → vmid. */
    private final Map<String, Integer> placements = new ConcurrentHashMap<>();
    private final List<String> issuedCustomerKeys = new CopyOnWriteArrayList<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failNext = new ConcurrentHashMap<>();

    public HubStandIn(String hostKey, String hostId) throws IOException {
        this.hostKey = hostKey;
        this.hostId = hostId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public void place(String customerId, int vmid) {
        placements.put(customerId, vmid);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_standin/")) {
                control(exchange, path, body);
                return;
            }
            Integer forced = failNext.remove(path);
            if (forced != null) {
                problem(exchange, forced, "stand-in told to fail this call once");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            Matcher report = REPORT.matcher(path);
            Matcher guestKey = GUEST_KEY.matcher(path);
            boolean isReport = report.matches() && exchange.getRequestMethod().equals("POST");
            boolean isGuestKey = guestKey.matches() && exchange.getRequestMethod().equals("POST");
            if (!isReport && !isGuestKey) {
                problem(exchange, 404, "not part of the hub contract the agent uses");
                return;
            }
            if (token == null || TokenKind.of(token).orElse(null) != TokenKind.HOST) {
                problem(exchange, token == null ? 401 : 403, token == null ? "missing key"
                        : TokenKind.of(token).map(TokenKind::displayName).orElse("unknown token") + " used where a host key is required");
                return;
            }
            if (!Tokens.secretsEqual(token, hostKey)) {
                problem(exchange, 401, "unknown or revoked host key");
                return;
            }
            String pathHost = isReport ? report.group(1) : guestKey.group(1);
            if (!pathHost.equals(hostId)) {
                problem(exchange, 403, "this host key belongs to host '" + hostId + "' but the request is for host '"
                        + pathHost + "'");
                return;
            }
            if (isReport) {
                reports.add(JSON.readTree(body));
                send(exchange, 202, "application/json", "{}");
                return;
            }
            int vmid = Integer.parseInt(guestKey.group(2));
            String customer = JSON.readTree(body).path("customer_id").asText();
            Integer placed = placements.get(customer);
            if (placed == null) {
                problem(exchange, 403, "customer '" + customer + "' is not placed on any host; the operator places it "
                        + "with PUT /api/v1/customers/" + customer + "/placement");
                return;
            }
            if (placed != vmid) {
                problem(exchange, 403, "customer '" + customer + "' is placed on host '" + hostId + "' as vmid " + placed
                        + ", not on host '" + hostId + "' as vmid " + vmid);
                return;
            }
            String key = Tokens.generate(TokenKind.CUSTOMER);
            issuedCustomerKeys.add(key);
            send(exchange, 201, "application/json", JSON.writeValueAsString(Map.of("key", key,
                    "key_id", UUID.randomUUID().toString(), "kind", "customer key", "customer_id", customer,
                    "created_at", Instant.now().toString())));
        }
    }

    private void control(HttpExchange exchange, String path, byte[] body) throws IOException {
        switch (path) {
            case "/_standin/reports" -> {
                ArrayNode out = JSON.createArrayNode();
                reports.forEach(out::add);
                send(exchange, 200, "application/json", out.toString());
            }
            case "/_standin/customer-keys" -> send(exchange, 200, "application/json",
                    JSON.writeValueAsString(new ArrayList<>(issuedCustomerKeys)));
            case "/_standin/place" -> {
                JsonNode placement = JSON.readTree(body);
                place(placement.path("customer_id").asText(), placement.path("vmid").asInt());
                send(exchange, 204, "application/json", "");
            }
            case "/_standin/fail-next" -> {
                JsonNode rule = JSON.readTree(body);
                failNext.put(rule.path("path").asText(), rule.path("status").asInt());
                send(exchange, 204, "application/json", "");
            }
            default -> problem(exchange, 404, "unknown control path");
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        send(exchange, status, "application/problem+json", JSON.writeValueAsString(
                Map.of("type", "about:blank", "title", "stand-in refusal", "status", status, "detail", detail)));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
