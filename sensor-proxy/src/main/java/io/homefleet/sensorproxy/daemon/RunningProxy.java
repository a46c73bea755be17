package io.homefleet.sensorproxy.daemon;

import io.homefleet.common.contract.v1.SensorProxyStatus;
import io.homefleet.common.sensors.LocalSensorsReader;
import io.homefleet.sensorproxy.HostName;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.config.AllowedNodesSource;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import io.homefleet.sensorproxy.controlplane.AllowlistSync;
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
import io.homefleet.sensorproxy.ssh.ConnectTargets;
import io.homefleet.sensorproxy.ssh.PinnedHostKeyVerifier;
import io.homefleet.sensorproxy.ssh.SshClusterKeys;
import io.homefleet.sensorproxy.ssh.SshKeyStore;
import io.homefleet.sensorproxy.ssh.SshNodeReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A started proxy, assembled from a validated configuration: audit log, readers, socket, optional HTTPS.
 * Closing it stops everything it started, in reverse order.
 */
public final class RunningProxy implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunningProxy.class);

    private final String node;
    private final AuditLog audit;
    private final TemperatureService temperatures;
    private final SocketServer socket;
    private final SshNodeReader ssh;
    private final HttpsServer https;
    private final ExecutorService pool;
    private final KeyPair sshKey;
    private final AllowlistSync sync;
    private final Supplier<SensorProxyStatus> statusSupplier;

    private RunningProxy(String node, AuditLog audit, TemperatureService temperatures, SocketServer socket, SshNodeReader ssh,
                         HttpsServer https, ExecutorService pool, KeyPair sshKey, AllowlistSync sync,
                         Supplier<SensorProxyStatus> statusSupplier) {
        this.node = node;
        this.audit = audit;
        this.temperatures = temperatures;
        this.socket = socket;
        this.ssh = ssh;
        this.https = https;
        this.pool = pool;
        this.sshKey = sshKey;
        this.sync = sync;
        this.statusSupplier = statusSupplier;
    }

    public static RunningProxy start(LoadedConfig loaded, MeterRegistry registry, Vertx vertx) throws IOException {
        ProxyConfig c = loaded.config();
        ProxyMetrics metrics = new ProxyMetrics(registry);
        AuditLog audit = AuditLog.open(Path.of(c.auditLog()), Clock.systemUTC());
        String node = c.nodeName().isBlank() ? HostName.local() : c.nodeName();
        AllowlistSync sync = syncEnabled(c) ? AllowlistSync.create(loaded, metrics, audit) : null;
        AllowedNodesSource allowList = sync != null ? sync.allowList() : new AllowedNodesSource(loaded);
        if (sync == null) {
            metrics.allowlistGauges(() -> allowList.get().entries().size(), () -> Double.NaN, () -> 0);
            if (c.controlPlane().configured()) {
                LOG.infof("legacy_allowlist is on: control_plane %s is not used; allowed_nodes.yaml is the list",
                        c.controlPlane().url());
            }
        }
        // Once the hub decides the list, an empty list refuses remote nodes: never "allow any" by default.
        NodeAccess access = new NodeAccess(node, allowList, c.strictNodeValidation() || sync != null);

        Duration commandTimeout = c.ssh().commandTimeout();
        LocalSensorsReader sensors = new LocalSensorsReader(c.sensorsCommand(), Path.of(c.hwmonDir()), Path.of(c.thermalDir()),
                commandTimeout, Clock.systemUTC());
        SmartReader smart = c.smart().enabled() ? new SmartReader(c.smart().smartctlCommand(), c.smart().devices(), c.smart().interval(), commandTimeout) : null;

        KeyPair key = new SshKeyStore(Path.of(c.stateDir())).loadOrCreate();
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(Path.of(c.ssh().knownHostsFile()),
                c.ssh().proxmoxKnownHostsFile().isBlank() ? null : Path.of(c.ssh().proxmoxKnownHostsFile()), c.requireProxmoxHostkeys(), metrics, audit);
        SshNodeReader ssh = new SshNodeReader(key, verifier, c.ssh().user(), c.ssh().port(), c.ssh().command(), c.ssh().connectTimeout(),
                commandTimeout, c.maxSshOutputBytes(), metrics, Clock.systemUTC());
        ssh.connectVia(ConnectTargets.of(allowList));

        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "node-reader");
            t.setDaemon(true);
            return t;
        });
        Duration deadline = c.ssh().connectTimeout().plus(commandTimeout).plusSeconds(1);
        TemperatureService temperatures = new TemperatureService(access, new LocalNodeReader(sensors, smart), ssh, c.cacheTtl(),
                deadline, metrics, pool);
        Instant startedAt = Instant.now();
        Supplier<SensorProxyStatus> status = () -> status(c, node, startedAt, temperatures, allowList, sync);
        ProxyRpcMethods methods = new ProxyRpcMethods(temperatures, loaded.allowedNodesFile(),
                sync == null ? null : c.controlPlane().url(),
                Path.of(c.stateDir(), "cleanup-request.json"), new SshClusterKeys(ssh, key, c.ssh().command()), audit, status);

        PeerAuthorizer authorizer = new PeerAuthorizer(c, IdMapRanges.load(Path.of(c.subuidFile()), Path.of(c.subgidFile()),
                c.allowedIdmapUsers()), ownUid());
        SocketServer socket = new SocketServer(new SocketSettings(Path.of(c.socketPath()), c.readTimeout(), c.writeTimeout(),
                c.rateLimit().perPeerIntervalMs(), c.rateLimit().perPeerBurst(), c.limits().maxConcurrentRequests(),
                c.limits().maxConcurrentPerPeer(), c.limits().malformedPenalty()), authorizer, methods, metrics, audit);
        HttpsServer https = null;
        try {
            socket.start();
            if (c.httpEnabled()) {
                https = new HttpsServer(vertx, c, temperatures, metrics, audit, status);
                https.start();
            }
        } catch (IOException | RuntimeException e) {
            if (sync != null) {
                sync.close();
            }
            socket.close();
            ssh.close();
            pool.shutdownNow();
            audit.close();
            throw e;
        }
        for (String n : access.allowed().sweepTargets()) {
            if (!access.isLocal(n)) {
                pool.execute(() -> ssh.connect(n));
            }
        }
        if (sync != null) {
            sync.start();
        }
        audit.record("daemon_started", Map.of("node", node, "ssh_key", SshKeyStore.fingerprint(key)), Durability.FORCED);
        LOG.infof("sensor proxy for node %s started; SSH key %s", node, SshKeyStore.fingerprint(key));
        return new RunningProxy(node, audit, temperatures, socket, ssh, https, pool, key, sync, status);
    }

    /** The hub decides the list when control_plane.url is set, unless legacy_allowlist keeps the file in charge. */
    public static boolean syncEnabled(ProxyConfig c) {
        return c.controlPlane().configured() && !c.legacyAllowlist();
    }

    private static SensorProxyStatus status(ProxyConfig c, String node, Instant startedAt, TemperatureService temperatures,
                                            AllowedNodesSource allowList, AllowlistSync sync) {
        SensorProxyStatus.Allowlist allowlist = sync != null ? sync.status()
                : new SensorProxyStatus.Allowlist("file", false, null, null, allowList.get().sweepTargets().size(), null, null,
                        null, null, 0, null);
        return new SensorProxyStatus("ok", io.homefleet.service.version.ServiceVersion.of("sensor-proxy"), node, startedAt,
                Duration.between(startedAt, Instant.now()).toSeconds(), temperatures.nodeCount(), temperatures.lastSuccess(),
                c.httpEnabled(), allowlist, null);
    }

    /** The control-plane sync, or null when allowed_nodes.yaml is the list. */
    public AllowlistSync sync() {
        return sync;
    }

    public SensorProxyStatus status() {
        return statusSupplier.get();
    }

    private static int ownUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new IOException("cannot find this process's uid in /proc/self/status");
    }

    public String node() {
        return node;
    }

    public TemperatureService temperatures() {
        return temperatures;
    }

    public HttpsServer https() {
        return https;
    }

    public KeyPair sshKey() {
        return sshKey;
    }

    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.warnf("closing the socket: %s", e.getMessage());
        }
        if (https != null) {
            https.close();
        }
        ssh.close();
        pool.shutdownNow();
        audit.record("daemon_stopped", Map.of(), Durability.FORCED);
        try {
            audit.close();
        } catch (IOException e) {
            LOG.warnf("closing the audit log: %s", e.getMessage());
        }
    }
}
