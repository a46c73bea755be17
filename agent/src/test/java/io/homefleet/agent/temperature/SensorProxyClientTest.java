package io.homefleet.agent.temperature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.agent.testsupport.SensorProxyStandIn;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket client picks its own node from the sweep, and a silent or absent proxy costs at most the timeout. */
class SensorProxyClientTest {

    @Test
    void picksThisNodesSnapshotFromTheSweep(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("proxy.sock");
        try (SensorProxyStandIn proxy = new SensorProxyStandIn(socket, 51.0)) {
            var snapshot = new SensorProxyClient(socket, Duration.ofSeconds(2), "pve").temperatures().orElseThrow();
            assertEquals("pve", snapshot.node());
            assertEquals(51.0, snapshot.cpu().packageTemp());
        }
    }

    @Test
    void aProxyThatNeverAnswersCostsOnlyTheTimeout(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("silent.sock");
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(server.accept()); // accept, read nothing, answer nothing
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            var result = new SensorProxyClient(socket, Duration.ofMillis(300), "pve").temperatures();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(result.isEmpty());
            assertTrue(millis < 2_000, "took " + millis + " ms");
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
        }
    }

    @Test
    void anAbsentSocketIsNoProxy(@TempDir Path dir) {
        SensorProxyClient client = new SensorProxyClient(dir.resolve("none.sock"), Duration.ofSeconds(1), "pve");
        assertTrue(!client.present());
        assertTrue(client.temperatures().isEmpty());
    }
}
