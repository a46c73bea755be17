package io.homefleet.provisioning.join;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.provisioning.boot.AnswerFile;
import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.config.ProvisioningSettings;
import io.homefleet.provisioning.config.ServerType;
import io.homefleet.provisioning.handover.AgentConfigFile;
import io.homefleet.provisioning.handover.HubHandover;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.keys.EphemeralKeys;
import io.homefleet.provisioning.lifecycle.HostLeases;
import io.homefleet.provisioning.lifecycle.HostStateChanged;
import io.homefleet.provisioning.lifecycle.Lifecycle;
import io.homefleet.provisioning.lifecycle.Trigger;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Joins hosts that phoned home to the cluster and hands them to the hub, over one SSH session each:
 * {@code connect} (ephemeral key, pinned host key) → {@code join} ({@code pvecm add}, skipped when {@code pvecm
 * status} shows the node already joined) → {@code hub} (host + host key, with the provisioning key) → {@code agent}
 * (host key and agent.yaml written 0600, agent started) → {@code sensor-proxy} ({@code sensor-proxy register}) →
 * {@code cleanup} (ephemeral key out of authorized_keys, then out of the database) → {@code ready}. Every step is
 * safe to run again, so a host resumes from its step after a failure and retry, or a restart of this service.
 */
@ApplicationScoped
public class JoinWorker {
    private static final Logger LOG = Logger.getLogger(JoinWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    @Inject
    ProvisioningSettings settings;

    @Inject
    ProvisioningConfig config;

    @Inject
    Lifecycle lifecycle;

    @Inject
    HostLeases leases;

    @Inject
    EphemeralKeys keys;

    @Inject
    HubHandover hub;

    @Inject
    HostSshClient sshClient;

    private final String owner = "provisioning-" + UUID.randomUUID();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.lifecycle().workers(), r -> {
            Thread t = new Thread(r, "join-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Scheduled(every = "${homefleet.provisioning.lifecycle.tick:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pickUp() {
        for (String id : leases.claimable(settings.lifecycle().workers())) {
            tryStart(id);
        }
    }

    /**
     * A host that phoned home (or was retried into a join state) starts at once, not at the next tick: the tick
     * stays for hosts whose lease ran out (another replica stopped, or this one restarted).
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) HostStateChanged change) {
        if ((change.to() == HostState.FIRST_BOOT || change.to() == HostState.JOINING) && !running.contains(change.hostId())) {
            pool.submit(() -> tryStart(change.hostId()));
        }
    }

    private void tryStart(String id) {
        if (!running.add(id)) {
            return;
        }
        boolean started = false;
        try {
            if (leases.claim(id, owner, settings.lifecycle().lease())) {
                pool.submit(() -> {
                    try {
                        join(id);
                    } finally {
                        running.remove(id);
                    }
                });
                started = true;
            }
        } finally {
            if (!started) {
                running.remove(id);
            }
        }
    }

    void join(String id) {
        String step = "connect";
        StepClock clock = new StepClock();
        try {
            HostLeases.JoinInput host = leases.input(id);
            if (host.state() == HostState.FIRST_BOOT) {
                lifecycle.fire(id, Trigger.JOIN, "cluster join started", "provisioning", null);
            }
            ProvisioningConfig.Snapshot snapshot = config.current();
            ProvisioningFile file = snapshot.file();
            ServerType type = snapshot.serverType(host.serverType()).orElseThrow(() -> new StepFailed("connect",
                    "server type '" + host.serverType() + "' is no longer in server-types.yaml", null, null));
            if (host.sealedPrivateKey() == null || host.sshHostKeys() == null || host.ip() == null) {
                throw new StepFailed("connect", "nothing to join with: the ephemeral key, the pinned host keys or the "
                        + "address is missing; rebuild the host", null, null);
            }
            step(id, step, clock);
            KeyPair identity = keys.open(id, host.sealedPrivateKey());
            String nodeName = AnswerFile.nodeName(id, type);
            try (HostSsh ssh = sshClient.connect(host.ip(), file.proxmox().sshPort(), identity, pinned(host.sshHostKeys()),
                    CONNECT_TIMEOUT, COMMAND_TIMEOUT)) {
                step = "join";
                step(id, step, clock);
                joinCluster(ssh, file.proxmox());

                step = "hub";
                step(id, step, clock);
                IssuedKey hostKey = hub.register(file.hub(), id, nodeName, file.proxmox().clusterName(), host.ip());

                step = "agent";
                step(id, step, clock);
                ProvisioningFile.NewHost paths = file.newHost();
                Map<String, byte[]> agentFiles = new LinkedHashMap<>();
                agentFiles.put(paths.agentKeyFile().toString(), (hostKey.key() + "\n").getBytes(StandardCharsets.UTF_8));
                agentFiles.put(paths.agentConfigFile().toString(),
                        AgentConfigFile.render(file, id, nodeName).getBytes(StandardCharsets.UTF_8));
                check(step, "write the host key and agent.yaml and start the agent", ssh.writeSecretFiles(agentFiles,
                        "systemctl enable --now " + HostSsh.quote(paths.agentService())));

                step = "sensor-proxy";
                step(id, step, clock);
                String register = HostSsh.quote(paths.sensorProxyCommand()) + " register --hub "
                        + HostSsh.quote(file.hub().agentUrl()) + " --host-key-file "
                        + HostSsh.quote(paths.agentKeyFile().toString())
                        + (file.hub().pinnedFingerprint() != null
                        ? " --pinned-fingerprint " + HostSsh.quote(file.hub().pinnedFingerprint()) : "");
                check(step, "register the sensor proxy", ssh.run(register, null));

                step = "cleanup";
                step(id, step, clock);
                check(step, "remove the ephemeral key from " + paths.authorizedKeysFile(), ssh.removeAuthorizedKey(
                        paths.authorizedKeysFile().toString(), EphemeralKeys.keyMaterial(host.ephemeralPublicKey())));
            }
            lifecycle.fire(id, Trigger.READY, "joined the cluster and handed over to the hub", "provisioning", h -> {
                h.ephemeralPrivateKey = null;
                h.ephemeralPublicKey = null;
                h.bootTokenHash = null;
                h.leaseOwner = null;
                h.leaseUntil = null;
            });
            LOG.infof("host %s is ready: joined and handed over in %s", id, clock.summary());
        } catch (HostLeases.LeaseLost e) {
            LOG.infof("stopped working on %s: %s", id, e.getMessage());
        } catch (StepFailed e) {
            lifecycle.fail(id, Trigger.FAIL, e.step(), e.getMessage(), e.exitStatus(), e.output(), "provisioning");
        } catch (IOException e) {
            lifecycle.fail(id, Trigger.FAIL, step, "SSH to the host failed: " + e.getMessage(), null, null, "provisioning");
        } catch (RuntimeException e) {
            LOG.errorf(e, "join of %s failed in %s", id, step);
            try {
                lifecycle.fail(id, Trigger.FAIL, step, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null,
                        "provisioning");
            } catch (RuntimeException ignored) {
                // the host changed under us (a rebuild, a delete): nothing to mark
            }
        }
    }

    /**
     * {@code pvecm add}, unless {@code pvecm status} shows this node in a cluster already (a resumed join): one
     * command on the host, the existing node's root password on its stdin.
     */
    private void joinCluster(HostSsh ssh, ProvisioningFile.Proxmox proxmox) throws IOException, StepFailed {
        byte[] password;
        try {
            password = Files.readAllBytes(proxmox.rootPasswordFile());
        } catch (IOException e) {
            throw new StepFailed("join", "cannot read proxmox.root_password_file: " + e.getMessage(), null, null);
        }
        String secret = new String(password, StandardCharsets.UTF_8).strip();
        Arrays.fill(password, (byte) 0);
        byte[] stdin = (secret + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            HostSsh.Result add = ssh.run("if pvecm status < /dev/null > /dev/null 2>&1; then echo 'already a cluster "
                    + "member (pvecm status)'; exit 0; fi; exec pvecm add " + HostSsh.quote(proxmox.existingNode())
                    + " --fingerprint " + HostSsh.quote(proxmox.joinFingerprint()), stdin);
            if (!add.ok()) {
                throw new StepFailed("join", "pvecm add " + proxmox.existingNode() + " failed", add.exitStatus(),
                        secret.isEmpty() ? add.output() : add.output().replace(secret, "(password hidden)"));
            }
        } finally {
            Arrays.fill(stdin, (byte) 0);
        }
    }

    private void step(String id, String step, StepClock clock) {
        leases.step(id, owner, step, settings.lifecycle().lease());
        clock.lap(step);
    }

    /** Milliseconds per step of one join, for the "is ready" log line (where a slow join spends its time). */
    private static final class StepClock {
        private final long started = System.nanoTime();
        private final StringBuilder laps = new StringBuilder();
        private long last = started;
        private String current;

        void lap(String next) {
            long now = System.nanoTime();
            if (current != null) {
                laps.append(laps.isEmpty() ? "" : ", ").append(current).append(' ').append((now - last) / 1_000_000)
                        .append(" ms");
            }
            current = next;
            last = now;
        }

        String summary() {
            lap(null);
            return (System.nanoTime() - started) / 1_000_000 + " ms (" + laps + ")";
        }
    }

    private static void check(String step, String what, HostSsh.Result result) throws StepFailed {
        if (!result.ok()) {
            throw new StepFailed(step, "could not " + what, result.exitStatus(), result.output());
        }
    }

    private static Set<String> pinned(String json) throws StepFailed {
        try {
            Map<String, String> keys = JSON.readValue(json, new TypeReference<Map<String, String>>() { });
            Set<String> lines = new LinkedHashSet<>();
            keys.values().forEach(line -> lines.add(EphemeralKeys.keyMaterial(line)));
            return lines;
        } catch (IOException e) {
            throw new StepFailed("connect", "the pinned host keys are unreadable; rebuild the host", null, null);
        }
    }
}
