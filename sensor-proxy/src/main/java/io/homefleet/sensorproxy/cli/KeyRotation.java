package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.sensorproxy.sensors.NodeReader;
import io.homefleet.sensorproxy.ssh.PinnedHostKeyVerifier;
import io.homefleet.sensorproxy.ssh.SshNodeReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;

/** Tries a key on every allowed node with the daemon's pinned host keys (never pinning new ones). */
final class KeyRotation {
    private KeyRotation() {
    }

    /** Prints one line per node; returns how many failed. */
    static int verify(LoadedConfig loaded, KeyPair key) {
        ProxyConfig c = loaded.config();
        List<String> nodes = loaded.allowedNodes(loaded.fileNodes()).sweepTargets();
        ProxyMetrics metrics = new ProxyMetrics(new SimpleMeterRegistry());
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(Path.of(c.ssh().knownHostsFile()),
                c.ssh().proxmoxKnownHostsFile().isBlank() ? null : Path.of(c.ssh().proxmoxKnownHostsFile()), true, metrics, null);
        int failed = 0;
        try (SshNodeReader reader = new SshNodeReader(key, verifier, c.ssh().user(), c.ssh().port(), c.ssh().command(),
                c.ssh().connectTimeout(), c.ssh().commandTimeout(), c.maxSshOutputBytes(), metrics, Clock.systemUTC())) {
            for (String node : nodes) {
                try {
                    reader.read(node);
                    System.out.println("ok      " + node);
                } catch (NodeReader.ReadFailure e) {
                    failed++;
                    System.out.println("FAILED  " + node + ": " + e.getMessage());
                }
            }
        }
        if (nodes.isEmpty()) {
            System.out.println("no allowed nodes to check");
        }
        return failed;
    }
}
