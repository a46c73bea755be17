package io.homefleet.sensorproxy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.common.testing.HubJar;
import io.homefleet.service.tls.TrustOptions;
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
 * The real hub for the proxy's control-plane tests: its jar (built earlier in the reactor) with its embedded
 * PostgreSQL, serving HTTPS only, with a certificate from a test CA. One hub for the whole test run (started on
 * first use, stopped when the JVM exits); it can be stopped and started again on the same port and data.
 */
public final class RealHub {
    private static final ObjectMapper JSON = Json.mapper();
    private static RealHub instance;

    public final Path dir;
    public final Path caPem;
    public final URI url;
    public final String operatorToken;
    private final int port;
    private final HttpClient client;
    private final HubJar process;

    private RealHub(Path dir) throws Exception {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        TestCa ca = new TestCa("Homefleet test CA");
        ca.writePem(caPem);
        ca.issueServer("localhost", dir.resolve("hub.crt"), dir.resolve("hub.key"), "localhost", "127.0.0.1");
        this.operatorToken = Tokens.generate(TokenKind.OPERATOR);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.url = URI.create("https://127.0.0.1:" + port);
        this.client = HttpClient.newBuilder().sslContext(TrustOptions.caBundle(caPem).sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.process = new HubJar(dir, List.of(
                "homefleet.hub.operator.token=" + operatorToken,
                "quarkus.http.host=127.0.0.1",
                "quarkus.http.ssl-port=" + port,
                "quarkus.http.port=0",
                "quarkus.http.insecure-requests=disabled",
                "quarkus.http.ssl.certificate.files=" + dir.resolve("hub.crt"),
                "quarkus.http.ssl.certificate.key-files=" + dir.resolve("hub.key")));
    }

    /** The shared hub, started on first use. */
    public static synchronized RealHub get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "real-hub");
            RealHub hub = new RealHub(dir);
            hub.start();
            Runtime.getRuntime().addShutdownHook(new Thread(hub::stop));
            instance = hub;
        }
        return instance;
    }

    public void start() throws Exception {
        process.start(() -> call("GET", "/healthz", null, null).statusCode() == 200, Duration.ofMinutes(2));
    }

    /** Stops the hub (and its PostgreSQL) and waits until it is gone. */
    public void stop() {
        process.stop();
    }

    public HttpResponse<String> call(String method, String path, String token, Object body) throws IOException, InterruptedException {
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

    /** An operator call that must succeed; answers the JSON body. */
    public JsonNode operator(String method, String path, Object body) throws Exception {
        HttpResponse<String> r = call(method, path, operatorToken, body);
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /** Creates (or updates) a host with a cluster and addresses; its hostname is its node name until it reports. */
    public void host(String id, String cluster, String... addresses) throws Exception {
        Map<String, Object> body = Map.of("id", id, "hostname", id, "cluster", cluster, "addresses", List.of(addresses));
        if (call("GET", "/api/v1/hosts/" + id, operatorToken, null).statusCode() == 200) {
            operator("PUT", "/api/v1/hosts/" + id, body);
        } else {
            operator("POST", "/api/v1/hosts", body);
        }
    }

    /** Issues a new key for the host and writes it to a 0600 file. */
    public Path hostKeyFile(String hostId, Path dir) throws Exception {
        String key = operator("POST", "/api/v1/hosts/" + hostId + "/keys", null).path("key").asText();
        Path file = dir.resolve(hostId + ".host-key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
