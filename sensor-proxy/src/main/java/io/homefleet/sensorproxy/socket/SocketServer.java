package io.homefleet.sensorproxy.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.SensorProxyRequest;
import io.homefleet.common.contract.v1.SensorProxyResponse;
import io.homefleet.common.json.Json;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The Unix socket: one JSON request line per connection, one response line back. Order of checks, cheapest
 * first: peer credentials and capabilities, global and per-peer concurrency, rate limit, then the request
 * itself (16 KiB cap, read timeout). Malformed requests are answered only after a penalty delay so a
 * misbehaving caller slows itself down. Nothing a caller sends can stop the server.
 */
public final class SocketServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SocketServer.class);
    private static final ObjectMapper MAPPER = Json.mapper();
    /** One request buffer per worker thread: 16 KiB of garbage per request would drive the collector on a small heap. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(SocketSettings.MAX_REQUEST_BYTES + 1));

    private final SocketSettings settings;
    private final PeerAuthorizer authorizer;
    private final RpcMethods methods;
    private final TokenBucketLimiter limiter;
    private final ConcurrencyLimits concurrency;
    private final ProxyMetrics metrics;
    private final AuditLog audit;
    private final ExecutorService workers;
    private final ScheduledExecutorService timeouts;
    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean running;

    public SocketServer(SocketSettings settings, PeerAuthorizer authorizer, RpcMethods methods, ProxyMetrics metrics, AuditLog audit) {
        this.settings = settings;
        this.authorizer = authorizer;
        this.methods = methods;
        this.metrics = metrics;
        this.audit = audit;
        this.limiter = new TokenBucketLimiter(settings.rateIntervalMs(), settings.rateBurst(), System::nanoTime);
        this.concurrency = new ConcurrencyLimits(settings.maxConcurrent(), settings.maxConcurrentPerPeer());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemonThread(r, "socket-worker-" + n.incrementAndGet()));
        this.timeouts = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "socket-timeouts"));
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() throws IOException {
        PeerCredentials.selfCheck();
        Path path = settings.path();
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path)) {
            // A socket left by a previous run is ours to replace; anything else at that path is not.
            if (!"socket".equals(fileType(path))) {
                throw new IOException(path + " exists and is not a socket; refusing to replace it");
            }
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new IOException("another process is serving " + path + "; stop it first");
            } catch (java.net.SocketException stale) {
                Files.delete(path); // nobody listens: left over from a previous run
            }
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 256);
        // Guests reach the socket through a bind mount under another uid; SO_PEERCRED decides, not file modes.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        running = true;
        acceptor = daemonThread(this::acceptLoop, "socket-acceptor");
        acceptor.start();
        LOG.infof("socket listening on %s", path);
    }

    private static String fileType(Path path) throws IOException {
        Object isOther = Files.readAttributes(path, "unix:mode").get("mode");
        int mode = (Integer) isOther;
        return (mode & 0170000) == 0140000 ? "socket" : "other";
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    LOG.warnf("accept failed: %s", e.getMessage());
                }
                continue;
            }
            if (!concurrency.tryEnterGlobal()) {
                metrics.limiterRejection("global_concurrency");
                // A fresh socket's send buffer is empty, so this short write cannot block the acceptor.
                respondAndClose(channel, SensorProxyResponse.failure(null, "busy", "too many requests in flight; retry shortly")
                        .retryAfter(100));
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        serve(channel);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "serving a socket connection failed");
                    } finally {
                        concurrency.leaveGlobal();
                        closeQuietly(channel); // every path ends with the connection closed, answered or not
                    }
                });
            } catch (RuntimeException e) {
                concurrency.leaveGlobal();
                closeQuietly(channel);
            }
        }
    }

    private void serve(SocketChannel channel) {
        long started = System.nanoTime();
        PeerCredentials peer;
        try {
            peer = PeerCredentials.of(channel);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot read peer credentials: %s", e.getMessage());
            closeQuietly(channel);
            return;
        }
        Optional<PeerAccess> access = authorizer.authorize(peer);
        if (access.isEmpty()) {
            LOG.warnf("unauthorized connection attempt from uid %d gid %d", peer.uid(), peer.gid());
            finish(channel, peer, "-", SensorProxyResponse.failure(null, "unauthorized",
                    "uid " + peer.uid() + " is not allowed to use this socket"), started, Map.of());
            return;
        }
        String key = access.get().limiterKey();
        if (!concurrency.tryEnterPeer(key)) {
            metrics.limiterRejection("peer_concurrency");
            finish(channel, peer, "-", SensorProxyResponse.failure(null, "busy",
                    "too many requests in flight from " + access.get().description()).retryAfter(100), started, Map.of());
            return;
        }
        try {
            long wait = limiter.tryAcquire(key);
            if (wait > 0) {
                metrics.limiterRejection("rate");
                LOG.debugf("rate limit exceeded for %s", access.get().description());
                finish(channel, peer, "-", SensorProxyResponse.failure(null, "rate_limited", "rate limit exceeded for "
                        + access.get().description() + ": " + settings.rateBurst() + " requests, then one per "
                        + settings.rateIntervalMs() + " ms").retryAfter(wait), started, Map.of());
                return;
            }
            handle(channel, peer, access.get(), started);
        } finally {
            concurrency.leavePeer(key);
        }
    }

    private void handle(SocketChannel channel, PeerCredentials peer, PeerAccess access, long started) {
        String line;
        try {
            line = readLine(channel);
        } catch (RequestTooLarge e) {
            penalize(channel, peer, "-", SensorProxyResponse.failure(null, "too_large",
                    "request larger than " + SocketSettings.MAX_REQUEST_BYTES + " bytes"), started);
            return;
        } catch (IOException e) {
            metrics.validationFailure("read");
            finish(channel, peer, "-", SensorProxyResponse.failure(null, "timeout",
                    "no complete request line within " + settings.readTimeout().toMillis() + " ms"), started, Map.of());
            return;
        }
        SensorProxyRequest request;
        try {
            // Parsed as a tree first: `null`, arrays, numbers, strings and booleans are valid JSON but no request.
            JsonNode tree = MAPPER.readTree(line);
            if (tree == null || !tree.isObject()) {
                penalize(channel, peer, "-", SensorProxyResponse.failure(null, "bad_request",
                        "request is not a JSON object: got " + (tree == null ? "nothing" : kind(tree))), started);
                return;
            }
            request = MAPPER.treeToValue(tree, SensorProxyRequest.class);
        } catch (JsonProcessingException e) {
            penalize(channel, peer, "-", SensorProxyResponse.failure(null, "bad_request",
                    "request is not a JSON object: " + e.getOriginalMessage()), started);
            return;
        }
        String correlationId = request.correlationId() != null && !request.correlationId().isBlank()
                ? cut(request.correlationId(), 128) : UUID.randomUUID().toString();
        String method = request.method();
        if (method == null || method.isBlank()) {
            penalize(channel, peer, "-", SensorProxyResponse.failure(correlationId, "bad_request", "method is required"), started);
            return;
        }
        Set<Capability> required = methods.required(method);
        if (required == null) {
            penalize(channel, peer, cut(method, 64), SensorProxyResponse.failure(correlationId, "unknown_method",
                    "unknown method '" + cut(method, 64) + "'"), started);
            return;
        }
        for (Capability c : required) {
            if (!access.has(c)) {
                LOG.warnf("%s lacks capability %s for %s", access.description(), c.label(), method);
                finish(channel, peer, method, SensorProxyResponse.failure(correlationId, "forbidden",
                        method + " needs the '" + c.label() + "' capability, which " + access.description() + " does not have"),
                        started, Map.of());
                return;
            }
        }
        JsonNode params = request.params() == null || request.params().isNull() ? MAPPER.createObjectNode() : request.params();
        if (!params.isObject()) {
            penalize(channel, peer, method, SensorProxyResponse.failure(correlationId, "bad_request", "params must be an object"), started);
            return;
        }
        SensorProxyResponse response;
        Map<String, Object> auditFields = new LinkedHashMap<>();
        if (params.hasNonNull("node")) {
            auditFields.put("node", cut(params.path("node").asText(), 253));
        }
        try {
            response = SensorProxyResponse.ok(correlationId, methods.call(method, params, peer, access));
        } catch (RpcException e) {
            if (e.code().equals("bad_request") || e.code().equals("node_not_allowed")) {
                metrics.validationFailure(e.code());
            }
            response = SensorProxyResponse.failure(correlationId, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", method);
            response = SensorProxyResponse.failure(correlationId, "internal", "internal error; see the proxy's log");
        }
        finish(channel, peer, method, response, started, auditFields);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case MISSING -> "nothing";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private void penalize(SocketChannel channel, PeerCredentials peer, String method, SensorProxyResponse response, long started) {
        metrics.penalty();
        metrics.validationFailure(response.errorCode());
        Duration penalty = settings.malformedPenalty();
        if (!penalty.isZero()) {
            try {
                Thread.sleep(penalty.toMillis()); // holds this peer's concurrency slot: floods slow themselves
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finish(channel, peer, method, response, started, Map.of());
    }

    private void finish(SocketChannel channel, PeerCredentials peer, String method, SensorProxyResponse response, long started,
                        Map<String, Object> auditFields) {
        String outcome = response.success() ? "ok" : response.errorCode();
        metrics.request(method, outcome, Duration.ofNanos(System.nanoTime() - started));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("peer_uid", peer.uid());
        fields.put("peer_gid", peer.gid());
        fields.put("method", method);
        fields.putAll(auditFields);
        fields.put("outcome", outcome);
        if (response.correlationId() != null) {
            fields.put("correlation_id", response.correlationId());
        }
        // Recorded before the caller hears back; only answered reads skip the per-request fsync.
        audit.record("socket_request", fields,
                response.success() && methods.isRead(method) ? Durability.WITHIN_1S : Durability.FORCED);
        writeResponse(channel, response);
    }

    private String readLine(SocketChannel channel) throws IOException {
        ByteBuffer buffer = READ_BUFFER.get().clear();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        // Shutting down input (not closing) ends the blocked read but leaves the channel open for the "timeout" answer.
        ScheduledFuture<?> deadline = timeouts.schedule(() -> {
            expired.set(true);
            try {
                channel.shutdownInput();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }, settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (true) {
                int n = channel.read(buffer);
                int newline = indexOf(buffer, (byte) '\n');
                if (newline >= 0) {
                    return new String(buffer.array(), 0, newline, StandardCharsets.UTF_8);
                }
                if (!buffer.hasRemaining()) {
                    throw new RequestTooLarge();
                }
                if (n < 0) {
                    if (expired.get()) {
                        throw new IOException("read timeout");
                    }
                    if (buffer.position() == 0) {
                        throw new IOException("connection closed before a request");
                    }
                    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private static int indexOf(ByteBuffer buffer, byte b) {
        byte[] a = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void writeResponse(SocketChannel channel, SensorProxyResponse response) {
        if (!channel.isOpen()) {
            return;
        }
        ScheduledFuture<?> deadline = timeouts.schedule(() -> closeQuietly(channel), settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ByteBuffer out = ByteBuffer.wrap((MAPPER.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            LOG.debugf("client went away before the response: %s", e.getMessage());
        } finally {
            deadline.cancel(false);
            closeQuietly(channel);
        }
    }

    private static void respondAndClose(SocketChannel channel, SensorProxyResponse response) {
        try {
            channel.write(ByteBuffer.wrap((MAPPER.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ignored) {
            // the caller left
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static String cut(String s, int max) {
        String t = s.length() > max ? s.substring(0, max) : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void close() throws IOException {
        running = false;
        if (server != null) {
            server.close();
            Files.deleteIfExists(settings.path());
        }
        workers.shutdownNow();
        timeouts.shutdownNow();
    }

    private static final class RequestTooLarge extends IOException {
        RequestTooLarge() {
            super("request too large");
        }
    }
}
