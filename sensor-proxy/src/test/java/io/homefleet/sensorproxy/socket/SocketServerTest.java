package io.homefleet.sensorproxy.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.json.Json;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.sensorproxy.support.SocketClientMain;
import io.homefleet.sensorproxy.support.TestProxy;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The socket with real SO_PEERCRED: as root, and as an unmapped uid the way an LXC's root appears on the host. */
class SocketServerTest {
    private static final int CONTAINER_ROOT = 100000;

    /** Runs the JDK-only client as another uid and returns its one response line. */
    private static JsonNode callAs(int uid, Path socket, String request) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.homefleet.sensorproxy.support.TestSshd.isRoot()
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "root and setpriv (util-linux) to run a client as another uid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", java,
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), SocketClientMain.class.getName(),
                socket.toString(), request).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return Json.mapper().readTree(out);
    }

    @Test
    void rootReadsTheLocalNodeAndEveryCapabilityIsEnforcedForAContainerUid() throws Exception {
        Path dir = TestProxy.workDir();
        Files.writeString(dir.resolve("subuid"), "root:100000:65536\n");
        Files.writeString(dir.resolve("subgid"), "root:100000:65536\n");
        try (TestProxy t = TestProxy.start(dir, "monitoring-coretemp-pkg-2cores-nvme.json",
                "allow_idmapped_root: true\nallowed_idmap_users: [root]\n")) {
            JsonNode ok = t.call("{\"correlation_id\":\"c-1\",\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-local\"}}");
            assertTrue(ok.path("success").asBoolean(), ok::toString);
            assertEquals("c-1", ok.path("correlation_id").asText());
            assertEquals(45.5, ok.path("data").path("cpu").path("package").asDouble());
            assertEquals("nvme0", ok.path("data").path("nvme").path(0).path("device").asText());

            JsonNode status = t.call("{\"method\":\"get_status\"}");
            assertEquals(List.of("read", "write", "admin"), Json.mapper().convertValue(status.path("data").path("peer").path("capabilities"), List.class));

            JsonNode containerRead = callAs(CONTAINER_ROOT + 5, t.socket, "{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-local\"}}");
            assertTrue(containerRead.path("success").asBoolean(), containerRead::toString);
            JsonNode containerAdmin = callAs(CONTAINER_ROOT, t.socket, "{\"method\":\"register_nodes\",\"params\":{\"nodes\":[\"evil\"]}}");
            assertFalse(containerAdmin.path("success").asBoolean());
            assertEquals("forbidden", containerAdmin.path("error_code").asText());
            assertFalse(Files.exists(dir.resolve("allowed_nodes.yaml")), "a refused request changes nothing");

            JsonNode stranger = callAs(4242, t.socket, "{\"method\":\"get_status\"}");
            assertEquals("unauthorized", stranger.path("error_code").asText());

            JsonNode register = t.call("{\"method\":\"register_nodes\",\"params\":{\"nodes\":[\"PVE2\",\"10.0.0.0/24\"]}}");
            assertTrue(register.path("success").asBoolean(), register::toString);
            assertTrue(Files.readString(dir.resolve("allowed_nodes.yaml")).contains("- pve2"));
        }
        AuditLog.Verification audit = AuditLog.verify(dir.resolve("audit.jsonl"));
        assertTrue(audit.intact(), audit.detail());
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertTrue(log.contains("\"peer_uid\":100000") && log.contains("\"outcome\":\"forbidden\""), "denials are audited");
    }

    @Test
    void listedPeersGetExactlyTheirCapabilitiesAndUnlistedContainersNothing() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json",
                "allowed_peers:\n  - uid: 100000\n    capabilities: [read, admin]\n")) {
            JsonNode read = callAs(CONTAINER_ROOT, t.socket, "{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-local\"}}");
            assertEquals(42.0, read.path("data").path("cpu").path("package").asDouble(), read::toString);
            JsonNode cleanup = callAs(CONTAINER_ROOT, t.socket, "{\"method\":\"request_cleanup\",\"params\":{\"node\":\"pve2\"}}");
            assertEquals("forbidden", cleanup.path("error_code").asText(), "admin without write cannot change state");
            assertTrue(cleanup.path("error").asText().contains("'write'"));
            JsonNode otherContainer = callAs(CONTAINER_ROOT + 1, t.socket, "{\"method\":\"get_status\"}");
            assertEquals("unauthorized", otherContainer.path("error_code").asText(), "no ID-mapped access unless enabled");
        }
    }

    @Test
    void badRequestsGetTheirErrorAndTheServerStaysUp() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", """
                strict_node_validation: true
                read_timeout: 400ms
                rate_limit: {per_peer_interval_ms: 1, per_peer_burst: 1000}
                limits: {malformed_penalty: 300ms, max_concurrent_per_peer: 3}
                """)) {
            long before = System.nanoTime();
            JsonNode garbage = t.call("this is not json");
            long tookMs = (System.nanoTime() - before) / 1_000_000;
            assertEquals("bad_request", garbage.path("error_code").asText());
            assertTrue(tookMs >= 300, "malformed requests wait out the penalty, took " + tookMs);

            String big = "{\"method\":\"get_status\",\"params\":{\"pad\":\"" + "x".repeat(17 * 1024) + "\"}}";
            assertEquals("too_large", Json.mapper().readTree(SocketClientMain.call(t.socket, big + "\n")).path("error_code").asText());
            assertEquals("unknown_method", t.call("{\"method\":\"rm_rf\"}").path("error_code").asText());
            assertEquals("bad_request", t.call("{\"params\":{}}").path("error_code").asText());
            assertEquals("bad_request", t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"-oProxyCommand=x\"}}").path("error_code").asText());
            assertEquals("bad_request", t.call("{\"method\":\"get_temperature\",\"params\":[1]}").path("error_code").asText());
            assertEquals("node_not_allowed", t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve9\"}}").path("error_code").asText());

            // A caller that connects and says nothing is cut off at read_timeout and told why.
            try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                silent.connect(UnixDomainSocketAddress.of(t.socket));
                JsonNode timeout = Json.mapper().readTree(readAll(silent));
                assertEquals("timeout", timeout.path("error_code").asText());
            }

            // Three silent callers hold this peer's three slots; the fourth is told the peer is busy.
            List<SocketChannel> holders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SocketChannel h = SocketChannel.open(StandardProtocolFamily.UNIX);
                h.connect(UnixDomainSocketAddress.of(t.socket));
                holders.add(h);
            }
            Thread.sleep(100);
            JsonNode busy = t.call("{\"method\":\"get_status\"}");
            assertEquals("busy", busy.path("error_code").asText(), busy::toString);
            for (SocketChannel h : holders) {
                h.close();
            }
            Thread.sleep(500);
            assertTrue(t.call("{\"method\":\"get_status\"}").path("success").asBoolean(), "still serving");
        }
    }

    @Test
    void nonObjectRequestLinesAreMalformedRequestsAndEveryConnectionIsClosed() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", """
                rate_limit: {per_peer_interval_ms: 1, per_peer_burst: 1000}
                limits: {malformed_penalty: 50ms}
                """)) {
            assertTrue(t.call("{\"method\":\"get_status\"}").path("success").asBoolean());
            long fdsBefore = openFileDescriptors();
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                // An unanswered connection would block here forever; the timeout interrupts (and closes) the client.
                JsonNode answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> t.call("null"));
                assertEquals("bad_request", answer.path("error_code").asText(), answer::toString);
                assertTrue(System.nanoTime() - started >= 50_000_000L, "the malformed-request penalty applies");
            }
            for (String notAnObject : List.of("[]", "1", "\"x\"", "true", "[{\"method\":\"get_status\"}]")) {
                JsonNode answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> t.call(notAnObject));
                assertEquals("bad_request", answer.path("error_code").asText(), notAnObject + " -> " + answer);
            }
            Thread.sleep(200); // the server closes its end right after writing the answer
            long fdsAfter = openFileDescriptors();
            assertTrue(fdsAfter <= fdsBefore + 3, "open descriptors grew from " + fdsBefore + " to " + fdsAfter);
            JsonNode valid = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-local\"}}");
            assertEquals(42.0, valid.path("data").path("cpu").path("package").asDouble(), valid::toString);
        }
    }

    @Test
    void answeredReadsAreAuditedWithoutAnFsyncEachAndRefusalsAndChangesAreForcedBeforeTheAnswer() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", """
                rate_limit: {per_peer_interval_ms: 1, per_peer_burst: 1000}
                limits: {malformed_penalty: 0s}
                """)) {
            AuditLog audit = t.proxy.audit();
            Path file = audit.file();
            for (String read : List.of("{\"method\":\"get_temperature\",\"params\":{\"node\":\"pve-local\"}}",
                    "{\"method\":\"get_temperatures\"}", "{\"method\":\"get_status\"}")) {
                // The line is in the file when the answer arrives, not yet forced; the background flush forces it
                // within a second, so a slow test thread may see it forced: one unforced look in a few suffices.
                boolean deferred = false;
                for (int attempt = 0; attempt < 5 && !deferred; attempt++) {
                    assertTrue(t.call(read).path("success").asBoolean(), read);
                    deferred = audit.forcedSize() < Files.size(file);
                }
                assertTrue(deferred, read + " is audited without its own fsync");
                List<String> lines = Files.readAllLines(file);
                assertTrue(lines.get(lines.size() - 1).contains("\"outcome\":\"ok\""), "another reader sees it at once");
            }
            for (String refused : List.of("{\"method\":\"rm_rf\"}", "not json",
                    "{\"method\":\"get_temperature\",\"params\":[1]}",
                    "{\"method\":\"register_nodes\",\"params\":{\"nodes\":[\"pve2\"]}}")) {
                t.call("{\"method\":\"get_status\"}"); // leaves an unforced line before it
                t.call(refused);
                assertEquals(Files.size(file), audit.forcedSize(), refused + " is on disk before its answer");
            }
        }
        AuditLog.Verification verified = AuditLog.verify(dir.resolve("audit.jsonl"));
        assertTrue(verified.intact(), verified.detail());
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void rateLimitAllowsTheBurstThenTellsWhenToRetry() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json",
                "rate_limit: {per_peer_interval_ms: 60000, per_peer_burst: 3}\n")) {
            for (int i = 0; i < 3; i++) {
                assertTrue(t.call("{\"method\":\"get_status\"}").path("success").asBoolean());
            }
            JsonNode limited = t.call("{\"method\":\"get_status\"}");
            assertEquals("rate_limited", limited.path("error_code").asText());
            long retry = limited.path("retry_after_ms").asLong();
            assertTrue(retry > 50_000 && retry <= 60_000, "retry after " + retry);
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
        while (channel.read(buf) >= 0) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondProxyNeverStealsALiveSocket() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy first = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", "")) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json",
                    "audit_log: other-audit.jsonl\n"));
            assertTrue(e.getMessage().contains("another process is serving"), e.getMessage());
            assertTrue(first.call("{\"method\":\"get_status\"}").path("success").asBoolean(), "the first one still serves");
        }
    }

    @Test
    void theGlobalCapAnswersBusyBeforeReadingAnything() throws Exception {
        Path dir = TestProxy.workDir();
        try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json",
                "read_timeout: 2s\nlimits: {max_concurrent_requests: 1, max_concurrent_per_peer: 1}\n")) {
            try (SocketChannel holder = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                holder.connect(UnixDomainSocketAddress.of(t.socket));
                Thread.sleep(100);
                JsonNode busy = t.call("{\"method\":\"get_status\"}");
                assertEquals("busy", busy.path("error_code").asText(), busy::toString);
                assertTrue(busy.path("error").asText().startsWith("too many requests in flight;"), busy::toString);
                assertEquals(100, busy.path("retry_after_ms").asLong());
            }
            Thread.sleep(300);
            assertTrue(t.call("{\"method\":\"get_status\"}").path("success").asBoolean(), "the slot comes back");
        }
    }
}
