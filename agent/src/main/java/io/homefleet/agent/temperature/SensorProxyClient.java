package io.homefleet.agent.temperature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.SensorProxyRequest;
import io.homefleet.common.contract.v1.SensorProxyResponse;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the host's sensor proxy for temperatures over its Unix socket: one JSON line per connection,
 * {@code {"correlation_id","method":"get_temperatures","params":{}}}, answered by one line
 * {@code {"correlation_id","success","data","error"}} whose data is the sweep
 * {@code {"temperatures":[snapshot per node],"errors":[...]}}; this host's snapshot is the one for its node.
 */
public final class SensorProxyClient {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_REPLY = 1 << 20;
    private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sensor-proxy-call");
        t.setDaemon(true);
        return t;
    });
    private final Path socket;
    private final Duration timeout;
    private final String node;

    public SensorProxyClient(Path socket, Duration timeout, String node) {
        this.socket = socket;
        this.timeout = timeout;
        this.node = node;
    }

    public boolean present() {
        return Files.exists(socket);
    }

    /** The proxy's snapshot, or empty when it is absent, slow, or says it failed (the caller falls back). */
    public Optional<TemperatureSnapshot> temperatures() {
        if (!present()) {
            return Optional.empty();
        }
        java.util.concurrent.atomic.AtomicReference<SocketChannel> open = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<Optional<TemperatureSnapshot>> call = CompletableFuture.supplyAsync(() -> call(open), CALLS);
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Closing the channel ends the blocked read, so a hung proxy never holds a thread.
            SocketChannel channel = open.get();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** This node's snapshot from a sweep (the proxy lists its own node first); a bare snapshot is taken as is. */
    private Optional<TemperatureSnapshot> ownSnapshot(JsonNode data) throws IOException {
        JsonNode list = data.get("temperatures");
        if (list == null || !list.isArray()) {
            return Optional.ofNullable(JSON.treeToValue(data, TemperatureSnapshot.class));
        }
        JsonNode chosen = null;
        for (JsonNode snapshot : list) {
            if (node.equalsIgnoreCase(snapshot.path("node").asText())) {
                chosen = snapshot;
                break;
            }
        }
        if (chosen == null && !list.isEmpty()) {
            chosen = list.get(0);
        }
        return chosen == null ? Optional.empty() : Optional.ofNullable(JSON.treeToValue(chosen, TemperatureSnapshot.class));
    }

    private Optional<TemperatureSnapshot> call(java.util.concurrent.atomic.AtomicReference<SocketChannel> open) {
        String correlationId = UUID.randomUUID().toString();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            open.set(channel);
            channel.connect(UnixDomainSocketAddress.of(socket));
            byte[] request = (JSON.writeValueAsString(new SensorProxyRequest(correlationId, "get_temperatures",
                    JSON.createObjectNode())) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            outer:
            while (reply.size() < MAX_REPLY && channel.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    byte b = in.get();
                    if (b == '\n') {
                        break outer;
                    }
                    reply.write(b);
                }
                in.clear();
            }
            SensorProxyResponse answer = JSON.readValue(reply.toString(StandardCharsets.UTF_8), SensorProxyResponse.class);
            if (answer == null || !answer.success() || !correlationId.equals(answer.correlationId()) || answer.data() == null) {
                return Optional.empty();
            }
            return ownSnapshot(answer.data());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
