package io.homefleet.sensorproxy.socket;

import java.util.Set;

/** What an admitted peer may do, and the key its rate limit and concurrency are counted under. */
public record PeerAccess(Set<Capability> capabilities, String limiterKey, String description) {
    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }
}
