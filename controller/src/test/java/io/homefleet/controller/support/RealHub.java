package io.homefleet.controller.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.common.testing.HubJar;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real hub for the controller's tests: its jar with its embedded PostgreSQL, plain http on loopback (as
 * {@code make run} serves it, so the controller runs with {@code hub.allow_plain_http}). It can be stopped and started
 * again on the same port and data.
 */
public final class RealHub implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    public final Path dir;
    public final URI url;
    public final String operatorToken = Tokens.generate(TokenKind.OPERATOR);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HubJar process;

    public RealHub(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        this.url = URI.create("http://127.0.0.1:" + port);
        this.process = new HubJar(dir, List.of("homefleet.hub.operator.token=" + operatorToken,
                "quarkus.http.host=127.0.0.1", "quarkus.http.port=" + port));
    }

    public RealHub start() throws Exception {
        process.start(() -> call("GET", "/healthz", null, null).statusCode() == 200, Duration.ofMinutes(2));
        return this;
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public HttpResponse<String> call(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode operator(String method, String path, Object body) throws Exception {
        HttpResponse<String> r = call(method, path, operatorToken, body);
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /** Creates the customer and writes a new customer key to a 0600 file. */
    public Path customerWithKey(String id, Path dir) throws Exception {
        operator("POST", "/api/v1/customers", Map.of("id", id, "name", id + " name", "domain", id + ".example"));
        String key = operator("POST", "/api/v1/customers/" + id + "/keys", null).path("key").asText();
        Path file = dir.resolve(id + ".customer.key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
