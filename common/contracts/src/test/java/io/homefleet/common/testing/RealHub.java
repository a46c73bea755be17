package io.homefleet.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real hub for other services' tests ({@link HubJar}: its jar with its embedded PostgreSQL) on a free loopback
 * port, with its operator token and the operator calls tests set a fleet up with. Plain http (as {@code make run}
 * serves it) or HTTPS only with a certificate the test made; it can be stopped and started again on the same port
 * and data.
 */
public final class RealHub implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    public final Path dir;
    public final URI url;
    public final String operatorToken = Tokens.generate(TokenKind.OPERATOR);
    /** The CA that signed an HTTPS hub's certificate; null for plain http. */
    public final Path caPem;
    private final HttpClient client;
    private final HubJar process;

    private RealHub(Path dir, String scheme, Path caPem, List<String> listener) throws IOException {
        this.dir = dir;
        this.caPem = caPem;
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        this.url = URI.create(scheme + "://127.0.0.1:" + port);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caPem != null) {
            http.sslContext(trusting(caPem));
        }
        this.client = http.build();
        List<String> properties = new ArrayList<>(List.of("homefleet.hub.operator.token=" + operatorToken,
                "quarkus.http.host=127.0.0.1"));
        listener.forEach(p -> properties.add(p.replace("{port}", Integer.toString(port))));
        this.process = new HubJar(dir, properties);
    }

    /** A hub serving plain http on loopback (its clients run with {@code allow_plain_http}). */
    public static RealHub plainHttp(Path dir) throws IOException {
        return new RealHub(dir, "http", null, List.of("quarkus.http.port={port}"));
    }

    /** A hub serving HTTPS only, with {@code certificate} and {@code key} signed by the CA in {@code caPem}. */
    public static RealHub https(Path dir, Path caPem, Path certificate, Path key) throws IOException {
        return new RealHub(dir, "https", caPem, List.of("quarkus.http.ssl-port={port}", "quarkus.http.port=0",
                "quarkus.http.insecure-requests=disabled", "quarkus.http.ssl.certificate.files=" + certificate,
                "quarkus.http.ssl.certificate.key-files=" + key));
    }

    public RealHub start() throws Exception {
        process.start(() -> call("GET", "/healthz", null, null).statusCode() == 200, Duration.ofMinutes(2));
        return this;
    }

    /** Stops the hub (and its PostgreSQL) and waits until it is gone. */
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

    /** An operator call that must succeed; answers the JSON body. */
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
        return secretFile(dir.resolve(id + ".customer.key"),
                operator("POST", "/api/v1/customers/" + id + "/keys", null).path("key").asText());
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
        return secretFile(dir.resolve(hostId + ".host-key"),
                operator("POST", "/api/v1/hosts/" + hostId + "/keys", null).path("key").asText());
    }

    private static Path secretFile(Path file, String key) throws IOException {
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static SSLContext trusting(Path caPem) throws IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caPem + ": " + e.getMessage(), e);
        }
    }
}
