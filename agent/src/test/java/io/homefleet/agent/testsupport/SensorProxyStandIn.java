package io.homefleet.agent.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A SENSOR-PROXY STAND-IN on a real Unix socket, speaking the proxy's documented protocol (one JSON request line,
 * one JSON answer line, echoing the correlation id) with a fixed sweep of two nodes; node "pve" has CPU package
 * {@code cpuTemp} and one NVMe at 39 °C.
 */
public final class SensorProxyStandIn implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> lastRequest = new AtomicReference<>("");

    public SensorProxyStandIn(Path socket, double cpuTemp) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(cpuTemp), "sensor-proxy-stand-in");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(double cpuTemp) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                StringBuilder line = new StringBuilder();
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (line.indexOf("\n") < 0 && client.read(buffer) > 0) {
                    buffer.flip();
                    line.append(StandardCharsets.UTF_8.decode(buffer));
                    buffer.clear();
                }
                String request = line.toString().strip();
                requests.incrementAndGet();
                lastRequest.set(request);
                String id = request.replaceFirst(".*\"correlation_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                // The sweep answer of get_temperatures: another cluster node first, to prove the agent picks its own.
                String answer = """
                        {"correlation_id":"%s","success":true,"data":{"temperatures":[\
                        {"node":"pve-other","source":"sensors","cpu":{"package":80.0,"max":80.0},"nvme":[],"gpu":[],"disks":[],"fans":[],"other":[]},\
                        {"node":"pve","source":"sensors","cpu":{"package":%s,"max":%s,"cores":[{"index":0,"temp":%s}]},\
                        "nvme":[{"device":"nvme0n1","chip":"nvme-pci-0100","temp":39.0}],"gpu":[],"disks":[],"fans":[],"other":[]}],\
                        "errors":[]}}
                        """.formatted(id, cpuTemp, cpuTemp, cpuTemp - 2).replace("\n", "") + "\n";
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return;
            }
        }
    }

    public int requests() {
        return requests.get();
    }

    public String lastRequest() {
        return lastRequest.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
