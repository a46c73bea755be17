package io.homefleet.sensorproxy.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.sensors.LocalSensorsReader;
import io.homefleet.sensorproxy.HostName;
import io.homefleet.sensorproxy.audit.AuditLog;
import io.homefleet.sensorproxy.config.AllowedNodesSource;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.http.HttpsServer;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import io.homefleet.sensorproxy.rpc.ProxyRpcMethods;
import io.homefleet.sensorproxy.sensors.LocalNodeReader;
import io.homefleet.sensorproxy.sensors.NodeAccess;
import io.homefleet.sensorproxy.sensors.SmartReader;
import io.homefleet.sensorproxy.sensors.TemperatureService;
import io.homefleet.sensorproxy.socket.IdMapRanges;
import io.homefleet.sensorproxy.socket.PeerAuthorizer;
import io.homefleet.sensorproxy.socket.SocketServer;
import io.homefleet.sensorproxy.socket.SocketSettings;
import io.homefleet.sensorproxy.ssh.PinnedHostKeyVerifier;
import io.homefleet.sensorproxy.ssh.SshClusterKeys;
import io.homefleet.sensorproxy.ssh.SshKeyStore;
import io.homefleet.sensorproxy.ssh.SshNodeReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/** Wires the running proxy from a validated configuration and owns everything it starts. */
@ApplicationScoped
public class Daemon {
    private static final Logger LOG = Logger.getLogger(Daemon.class);

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private volatile Running running;

    /** What a started proxy consists of; null fields were not configured. */
    public record Running(LoadedConfig loaded, String node, Instant startedAt, AuditLog audit, TemperatureService temperatures,
                          SocketServer socket, SshNodeReader ssh, HttpsServer https, ExecutorService pool, KeyPair sshKey) {
    }

    public synchronized Running start(LoadedConfig loaded) throws IOException {
        if (running != null) {
            throw new IllegalStateException("already running");
        }
        ProxyConfig c = loaded.config();
        ProxyMetrics metrics = new ProxyMetrics(registry);
        AuditLog audit = AuditLog.open(Path.of(c.auditLog), Clock.systemUTC());
        String node = c.nodeName.isBlank() ? HostName.local() : c.nodeName;
        AllowedNodesSource allowed = new AllowedNodesSource(loaded);
        NodeAccess access = new NodeAccess(node, allowed, c.strictNodeValidation);

        Duration commandTimeout = c.ssh.commandTimeout;
        LocalSensorsReader sensors = new LocalSensorsReader(c.sensorsCommand, LocalSensorsReader.DEFAULT_HWMON,
                LocalSensorsReader.DEFAULT_THERMAL, commandTimeout, Clock.systemUTC());
        SmartReader smart = c.smart.enabled ? new SmartReader(c.smart.smartctlCommand, c.smart.devices, c.smart.interval, commandTimeout) : null;

        KeyPair key = new SshKeyStore(Path.of(c.stateDir)).loadOrCreate();
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(Path.of(c.ssh.knownHostsFile),
                c.ssh.proxmoxKnownHostsFile.isBlank() ? null : Path.of(c.ssh.proxmoxKnownHostsFile), c.requireProxmoxHostkeys, metrics, audit);
        SshNodeReader ssh = new SshNodeReader(key, verifier, c.ssh.user, c.ssh.port, c.ssh.command, c.ssh.connectTimeout,
                commandTimeout, c.maxSshOutputBytes, metrics, Clock.systemUTC());

        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "node-reader");
            t.setDaemon(true);
            return t;
        });
        Duration deadline = c.ssh.connectTimeout.plus(commandTimeout).plusSeconds(1);
        TemperatureService temperatures = new TemperatureService(access, new LocalNodeReader(sensors, smart), ssh, c.cacheTtl,
                deadline, metrics, pool);
        Instant startedAt = Instant.now();
        ProxyRpcMethods methods = new ProxyRpcMethods(temperatures, loaded.allowedNodesFile(),
                Path.of(c.stateDir, "cleanup-request.json"), new SshClusterKeys(ssh, key, c.ssh.command), audit,
                () -> status(c, node, startedAt, temperatures));

        PeerAuthorizer authorizer = new PeerAuthorizer(c, IdMapRanges.load(Path.of("/etc/subuid"), Path.of("/etc/subgid"),
                c.allowedIdmapUsers), ownUid());
        SocketServer socket = new SocketServer(new SocketSettings(Path.of(c.socketPath), c.readTimeout, c.writeTimeout,
                c.rateLimit.perPeerIntervalMs, c.rateLimit.perPeerBurst, c.limits.maxConcurrentRequests,
                c.limits.maxConcurrentPerPeer, c.limits.malformedPenalty), authorizer, methods, metrics, audit);
        socket.start();

        HttpsServer https = null;
        if (c.httpEnabled) {
            https = new HttpsServer(vertx, c, temperatures, metrics, audit, () -> status(c, node, startedAt, temperatures));
            https.start();
        }
        audit.record("daemon_started", java.util.Map.of("node", node, "ssh_key", SshKeyStore.fingerprint(key)));
        LOG.infof("sensor proxy for node %s started; SSH key %s", node, SshKeyStore.fingerprint(key));
        running = new Running(loaded, node, startedAt, audit, temperatures, socket, ssh, https, pool, key);
        return running;
    }

    private static ObjectNode status(ProxyConfig c, String node, Instant startedAt, TemperatureService temperatures) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("status", "ok");
        s.put("node", node);
        s.put("started_at", startedAt.toString());
        s.put("uptime_seconds", Duration.between(startedAt, Instant.now()).toSeconds());
        s.put("node_count", temperatures.nodeCount());
        Instant last = temperatures.lastSuccess();
        if (last != null) {
            s.put("last_sync", last.toString());
        }
        s.put("socket_path", c.socketPath);
        s.put("http_enabled", c.httpEnabled);
        return s;
    }

    private static int ownUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new IOException("cannot find this process's uid in /proc/self/status");
    }

    public Running running() {
        return running;
    }

    public synchronized void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        try {
            r.socket().close();
        } catch (IOException e) {
            LOG.warnf("closing the socket: %s", e.getMessage());
        }
        if (r.https() != null) {
            r.https().close();
        }
        r.ssh().close();
        r.pool().shutdownNow();
        r.audit().record("daemon_stopped", java.util.Map.of());
        try {
            r.audit().close();
        } catch (IOException e) {
            LOG.warnf("closing the audit log: %s", e.getMessage());
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }
}
