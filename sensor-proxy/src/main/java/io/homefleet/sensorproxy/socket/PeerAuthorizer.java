package io.homefleet.sensorproxy.socket;

import io.homefleet.sensorproxy.config.ProxyConfig;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a socket peer may do. In order: an {@code allowed_peers} entry for its uid (exactly the
 * listed capabilities); root and the proxy's own uid (everything, unless listed); legacy
 * {@code allowed_peer_uids}/{@code allowed_peer_gids} (everything); with {@code allow_idmapped_root}, an id
 * inside an {@code allowed_idmap_users} subuid/subgid range (read only). Anyone else is refused.
 */
public final class PeerAuthorizer {
    private final Map<Integer, Set<Capability>> peers = new HashMap<>();
    private final Set<Integer> legacyUids;
    private final Set<Integer> legacyGids;
    private final boolean allowIdmapped;
    private final IdMapRanges ranges;
    private final int ownUid;

    public PeerAuthorizer(ProxyConfig config, IdMapRanges ranges, int ownUid) {
        for (ProxyConfig.AllowedPeer peer : config.allowedPeers()) {
            Set<Capability> caps = EnumSet.noneOf(Capability.class);
            peer.capabilities().forEach(c -> caps.add(Capability.of(c)));
            peers.put(peer.uid(), caps);
        }
        this.legacyUids = Set.copyOf(config.allowedPeerUids());
        this.legacyGids = Set.copyOf(config.allowedPeerGids());
        this.allowIdmapped = config.allowIdmappedRoot();
        this.ranges = ranges;
        this.ownUid = ownUid;
    }

    public Optional<PeerAccess> authorize(PeerCredentials peer) {
        String uidKey = "uid:" + peer.uid();
        Set<Capability> listed = peers.get(peer.uid());
        if (listed != null) {
            return Optional.of(new PeerAccess(listed, uidKey, "uid " + peer.uid()));
        }
        if (peer.uid() == 0 || peer.uid() == ownUid || legacyUids.contains(peer.uid()) || legacyGids.contains(peer.gid())) {
            return Optional.of(new PeerAccess(Capability.ALL, uidKey, "uid " + peer.uid()));
        }
        if (allowIdmapped) {
            return ranges.rangeOf(peer).map(r -> new PeerAccess(EnumSet.of(Capability.READ),
                    "idmap:" + r.user() + ":" + r.start(), "uid " + peer.uid() + " (ID-mapped range of " + r.user() + " from " + r.start() + ")"));
        }
        return Optional.empty();
    }
}
