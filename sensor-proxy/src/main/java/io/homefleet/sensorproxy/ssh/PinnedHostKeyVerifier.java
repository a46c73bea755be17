package io.homefleet.sensorproxy.ssh;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.metrics.ProxyMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.jboss.logging.Logger;

/**
 * Host keys are pinned. A node's key is trusted when the proxy's own known_hosts or the cluster's
 * {@code /etc/pve/priv/known_hosts} lists it. An unknown node is pinned on first use, unless
 * {@code require_proxmox_hostkeys} is set. A node whose key differs from the pinned one is refused, logged,
 * audited and counted: that is either a reinstall (remove the old line) or someone in the middle.
 */
public final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    private static final Logger LOG = Logger.getLogger(PinnedHostKeyVerifier.class);
    private final Path ownKnownHosts;
    private final Path proxmoxKnownHosts;
    private final boolean trustOnFirstUse;
    private final ProxyMetrics metrics;
    private final AuditLog audit;
    private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

    public PinnedHostKeyVerifier(Path ownKnownHosts, Path proxmoxKnownHosts, boolean requireProxmoxHostKeys,
                                 ProxyMetrics metrics, AuditLog audit) {
        this.ownKnownHosts = ownKnownHosts;
        this.proxmoxKnownHosts = proxmoxKnownHosts;
        this.trustOnFirstUse = !requireProxmoxHostKeys;
        this.metrics = metrics;
        this.audit = audit;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String host;
        int port;
        if (remoteAddress instanceof SshdSocketAddress s) {
            host = s.getHostName();
            port = s.getPort();
        } else if (remoteAddress instanceof InetSocketAddress i) {
            host = i.getHostString();
            port = i.getPort();
        } else {
            return false;
        }
        String node = port == 22 ? host : "[" + host + "]:" + port;
        String presented = PublicKeyEntry.toString(serverKey);
        synchronized (this) {
            List<KnownHostEntry> pinned = new ArrayList<>(entriesFor(ownKnownHosts, host, port));
            pinned.addAll(entriesFor(proxmoxKnownHosts, host, port));
            boolean sameType = false;
            for (KnownHostEntry e : pinned) {
                String keyType = e.getKeyEntry().getKeyType();
                String listed = keyType + " " + Base64.getEncoder().encodeToString(e.getKeyEntry().getKeyData());
                if (listed.equals(presented)) {
                    lastRefusal.remove(host);
                    return true;
                }
                sameType |= keyType.equals(KeyUtils.getKeyType(serverKey));
            }
            if (!pinned.isEmpty()) {
                String reason = "host key of " + node + " changed (now " + KeyUtils.getFingerPrint(serverKey)
                        + "); refusing. If the node was reinstalled, remove its line from " + ownKnownHosts;
                LOG.warn(reason);
                metrics.hostKeyChanged(host);
                audit(audit, "ssh_host_key_changed", Map.of("node", node, "fingerprint", KeyUtils.getFingerPrint(serverKey),
                        "same_type", sameType));
                lastRefusal.put(host, reason);
                return false;
            }
            if (!trustOnFirstUse) {
                String reason = "host key of " + node + " is not in " + proxmoxKnownHosts + " or " + ownKnownHosts
                        + " and require_proxmox_hostkeys is on";
                LOG.warn(reason);
                lastRefusal.put(host, reason);
                return false;
            }
            try {
                pin(node, presented);
            } catch (IOException e) {
                lastRefusal.put(host, "cannot record the host key of " + node + ": " + e.getMessage());
                return false;
            }
            LOG.infof("pinned host key of %s: %s", node, KeyUtils.getFingerPrint(serverKey));
            audit(audit, "ssh_host_key_pinned", Map.of("node", node, "fingerprint", KeyUtils.getFingerPrint(serverKey)));
            lastRefusal.remove(host);
            return true;
        }
    }

    private static void audit(AuditLog audit, String event, Map<String, ?> fields) {
        if (audit != null) { // one-shot commands have no audit log of their own
            audit.record(event, fields, Durability.FORCED); // pins and refusals
        }
    }

    /** Why the last handshake with this host failed at the key check, if it did. */
    public String lastRefusal(String host) {
        return lastRefusal.get(host);
    }

    private static List<KnownHostEntry> entriesFor(Path file, String host, int port) {
        if (file == null || !Files.isReadable(file)) {
            return List.of();
        }
        try {
            List<KnownHostEntry> all = KnownHostEntry.readKnownHostEntries(file);
            return all == null ? List.of() : all.stream().filter(e -> e.getKeyEntry() != null && e.isHostMatch(host, port)).toList();
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", file, e.getMessage());
            return List.of();
        }
    }

    private void pin(String node, String keyLine) throws IOException {
        String existing = Files.exists(ownKnownHosts) ? Files.readString(ownKnownHosts, StandardCharsets.UTF_8) : "";
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            existing += "\n";
        }
        AtomicFiles.write(ownKnownHosts, (existing + node + " " + keyLine + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"));
    }
}
