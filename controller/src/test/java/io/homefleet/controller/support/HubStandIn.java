package io.homefleet.controller.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STAND-IN for the hub's desired-state endpoint, which the hub does not serve yet: {@code GET /api/v1/desired-state}
 * answers the document set by the test with its revision as strong ETag, 304 for a matching If-None-Match, 404 while
 * there is none; reports and events are accepted (202) and kept for assertions. Reports and events against the real
 * hub are tested with the real hub jar.
 */
public final class HubStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private final HttpServer server;
    private volatile JsonNode desired;
    public final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    public final List<JsonNode> events = new CopyOnWriteArrayList<>();
    public final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

    public HubStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/desired-state", this::desiredState);
        server.createContext("/api/v1/report", e -> ingest(e, reports));
        server.createContext("/api/v1/event", e -> ingest(e, events));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void desired(long revision, String configJson) throws IOException {
        desired = JSON.createObjectNode().put("revision", revision).set("config", JSON.readTree(configJson));
    }

    private void desiredState(HttpExchange e) throws IOException {
        String tag = e.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(String.valueOf(tag));
        JsonNode doc = desired;
        if (doc == null) {
            send(e, 404, "{\"type\":\"urn:homefleet:problem:not-found\",\"title\":\"Not found\",\"status\":404}");
            return;
        }
        String etag = "\"" + doc.get("revision").asText() + "\"";
        e.getResponseHeaders().add("ETag", etag);
        if (etag.equals(tag)) {
            e.sendResponseHeaders(304, -1);
            e.close();
            return;
        }
        send(e, 200, JSON.writeValueAsString(doc));
    }

    private void ingest(HttpExchange e, List<JsonNode> into) throws IOException {
        into.add(JSON.readTree(e.getRequestBody()));
        send(e, 202, "{}");
    }

    private static void send(HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
