package io.homefleet.sensorproxy.http;

import io.homefleet.service.tls.CertificateFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.sensorproxy.HostName;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.config.Cidr;
import io.homefleet.sensorproxy.config.ListenAddress;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.sensorproxy.sensors.TemperatureService;
import io.homefleet.sensorproxy.socket.RpcException;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The HTTPS listener for peers off this host: {@code GET /temps?node=}, {@code GET /temps}, {@code GET /health}.
 * TLS 1.2+ only; every request must come from {@code allowed_source_subnets} (when set) and carry
 * {@code Authorization: Bearer <http_auth_token>}; with {@code http_client_ca} the client must also present a
 * certificate that CA signed. Management endpoints (/q/*) are never served here.
 */
public final class HttpsServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpsServer.class);
    private static final ObjectMapper MAPPER = Json.mapper();
    private final Vertx vertx;
    private final ProxyConfig config;
    private final TemperatureService temperatures;
    private final ProxyMetrics metrics;
    private final AuditLog audit;
    private final Supplier<? extends Object> status;
    private final List<Cidr> subnets;
    private HttpServer server;
    private String fingerprint;

    public HttpsServer(Vertx vertx, ProxyConfig config, TemperatureService temperatures, ProxyMetrics metrics, AuditLog audit,
                       Supplier<? extends Object> status) {
        this.vertx = vertx;
        this.config = config;
        this.temperatures = temperatures;
        this.metrics = metrics;
        this.audit = audit;
        this.status = status;
        this.subnets = config.allowedSourceSubnets().stream().map(Cidr::parse).toList();
    }

    public void start() throws IOException {
        CertificateFiles tls = config.httpsCertificate(HostName.local());
        fingerprint = tls.ensure().toString();
        ListenAddress listen = ListenAddress.parse(config.httpListenAddr());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(listen.host()).setPort(listen.port())
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString()))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setIdleTimeout((int) config.readTimeout().toSeconds() + 1)
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(16 * 1024);
        if (!config.httpClientCa().isBlank()) {
            options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions().addCertPath(config.httpClientCa()));
        }
        try {
            server = vertx.createHttpServer(options).requestHandler(this::handle).listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + config.httpListenAddr() + ": " + e.getMessage(), e);
        }
        LOG.infof("HTTPS listening on %s:%d; certificate SHA-256 fingerprint %s (pin this in clients)%s", listen.host(),
                server.actualPort(), fingerprint, config.httpClientCa().isBlank() ? "" : "; client certificates required");
    }

    public int port() {
        return server.actualPort();
    }

    public String fingerprint() {
        return fingerprint;
    }

    private void handle(HttpServerRequest request) {
        long started = System.nanoTime();
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        String route = request.path();
        if (!sourceAllowed(remote)) {
            reply(request, started, route, remote, 403, ProblemException.problem(ProblemType.FORBIDDEN,
                    "requests from " + remote + " are not in allowed_source_subnets"));
            return;
        }
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!Tokens.secretsEqual(presented, config.httpAuthToken())) {
            request.response().putHeader("WWW-Authenticate", "Bearer");
            reply(request, started, route, remote, 401, ProblemException.problem(ProblemType.UNAUTHENTICATED,
                    presented == null ? "send Authorization: Bearer <http_auth_token>" : "the bearer token is not valid"));
            return;
        }
        if (request.method() != HttpMethod.GET) {
            request.response().putHeader("Allow", "GET");
            reply(request, started, route, remote, 405, ProblemException.problem(ProblemType.METHOD_NOT_ALLOWED, "only GET is served"));
            return;
        }
        switch (route) {
            case "/temps" -> temps(request, started, remote);
            case "/health" -> reply(request, started, route, remote, 200, status.get());
            default -> reply(request, started, route, remote, 404, ProblemException.problem(ProblemType.NOT_FOUND,
                    "this listener serves GET /temps, GET /temps?node=NAME and GET /health"));
        }
    }

    private void temps(HttpServerRequest request, long started, String remote) {
        String node = request.getParam("node");
        vertx.<Object>executeBlocking(() -> node == null ? temperatures.getAll() : temperatures.get(node), false)
                .onComplete(result -> {
                    if (result.succeeded()) {
                        reply(request, started, "/temps", remote, 200, result.result());
                    } else if (result.cause() instanceof RpcException e) {
                        ProblemType type = switch (e.code()) {
                            case "bad_request" -> ProblemType.INVALID_PARAMETER;
                            case "node_not_allowed" -> ProblemType.FORBIDDEN;
                            default -> ProblemType.UPSTREAM_FAILED;
                        };
                        int status = type.status();
                        Problem problem = ProblemException.problem(type, e.getMessage()).with("error_code", e.code());
                        reply(request, started, "/temps", remote, status, problem);
                    } else {
                        LOG.errorf(result.cause(), "GET /temps failed");
                        reply(request, started, "/temps", remote, 500, ProblemException.problem(ProblemType.INTERNAL_ERROR, "see the proxy's log"));
                    }
                });
    }

    private boolean sourceAllowed(String remote) {
        if (subnets.isEmpty()) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(remote); // a literal from the socket: no DNS lookup
            return subnets.stream().anyMatch(s -> s.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void reply(HttpServerRequest request, long started, String route, String remote, int status, Object body) {
        String json;
        try {
            json = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            json = "{\"type\":\"" + ProblemType.INTERNAL_ERROR.uri() + "\",\"title\":\"Internal error\",\"status\":500}";
        }
        request.response().setStatusCode(status)
                .putHeader("Content-Type", body instanceof Problem ? Problem.MEDIA_TYPE : "application/json")
                .end(json);
        String outcome = status < 400 ? "ok" : Integer.toString(status);
        metrics.request("http " + (route.equals("/temps") || route.equals("/health") ? route : "other"), outcome,
                Duration.ofNanos(System.nanoTime() - started));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("remote", remote);
        fields.put("path", route.length() > 64 ? route.substring(0, 64) : route);
        fields.put("status", status);
        // Only GET /temps and /health are served: answered ones are reads, the rest refusals or failures.
        audit.record("http_request", fields, status < 400 ? Durability.WITHIN_1S : Durability.FORCED);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("closing HTTPS: %s", e.getMessage());
            }
        }
    }
}
