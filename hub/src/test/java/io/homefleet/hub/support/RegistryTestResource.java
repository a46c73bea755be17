package io.homefleet.hub.support;

import com.sun.net.httpserver.HttpServer;
import io.homefleet.service.tls.SelfSignedCertificate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry on loopback for the hub's update checks: Debian's {@code docker-registry} (the CNCF
 * distribution registry) with token authentication, and beside it the token service it trusts: a small HTTP server
 * that, for the right HTTP Basic login, issues the ES256 JWT the registry's token specification describes (its
 * certificate in the {@code x5c} header, trusted through the registry's {@code rootcertbundle}). Storage and logs
 * under {@code target/registry-*}; the process ends with the tests.
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String REPOSITORY = "homefleet/controller";
    public static final String USERNAME = "hub";
    static final String SERVICE = "homefleet-test-registry";
    static final String ISSUER = "homefleet-test-token-service";

    private Process registry;
    private HttpServer tokens;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "registry-" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dir.resolve("storage"));
            SelfSignedCertificate signer = SelfSignedCertificate.generate("CN=homefleet test token service",
                    List.of("localhost"));
            Path bundle = dir.resolve("token-signer.pem");
            Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                    "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signer.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            String password = UUID.randomUUID().toString();
            tokens = tokenService(signer, password);
            int port = freePort();
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                      secret: %s
                    auth:
                      token:
                        realm: http://127.0.0.1:%d/token
                        service: %s
                        issuer: %s
                        rootcertbundle: %s
                    """.formatted(dir.resolve("storage"), port, UUID.randomUUID(), tokens.getAddress().getPort(),
                    SERVICE, ISSUER, bundle));
            registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            String base = "http://127.0.0.1:" + port;
            awaitUp(base);
            return Map.of("homefleet.hub.updates.registry", base,
                    "homefleet.hub.updates.repository", REPOSITORY,
                    "homefleet.hub.updates.username", USERNAME,
                    "homefleet.hub.updates.password", password,
                    "homefleet.hub.updates.allow-plain-http", "true");
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start docker-registry (Debian package docker-registry)", e);
        }
    }

    @Override
    public void stop() {
        if (registry != null) {
            registry.destroy();
            try {
                if (!registry.waitFor(5, TimeUnit.SECONDS)) {
                    registry.destroyForcibly();
                }
            } catch (InterruptedException e) {
                registry.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (tokens != null) {
            tokens.stop(0);
        }
    }

    /** GET /token?service=...&scope=repository:name:actions with the right Basic login → {"token": "<JWT>"}. */
    private static HttpServer tokenService(SelfSignedCertificate signer, String password) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        String expected = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server.createContext("/token", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String scope = null;
                String query = exchange.getRequestURI().getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    if (pair.startsWith("scope=")) {
                        scope = java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                    }
                }
                byte[] body = ("{\"token\":\"" + jwt(signer, scope) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        return server;
    }

    private static String jwt(SelfSignedCertificate signer, String scope) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(signer.certificate().getEncoded()) + "\"]}";
        String access = "[]";
        if (scope != null) {
            String[] parts = scope.split(":");
            access = "[{\"type\":\"" + parts[0] + "\",\"name\":\"" + parts[1] + "\",\"actions\":[\""
                    + String.join("\",\"", parts[2].split(",")) + "\"]}]";
        }
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + USERNAME + "\",\"aud\":\"" + SERVICE
                + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
                + UUID.randomUUID() + "\",\"access\":" + access + "}";
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(signer.privateKey());
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(es256.sign());
    }

    private void awaitUp(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!registry.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + registry.exitValue());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401 || status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer at " + base);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
