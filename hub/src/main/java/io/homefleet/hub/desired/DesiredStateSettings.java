package io.homefleet.hub.desired;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The desired-state feature's settings: {@code homefleet.hub.desired-state.*} (env HOMEFLEET_HUB_DESIRED_STATE_*). */
@ConfigMapping(prefix = "homefleet.hub.desired-state")
public interface DesiredStateSettings {
    /**
     * The longest a replica answers polls from the ETags it keeps in memory after a desired state changed, should it
     * stop hearing PostgreSQL's change notifications; while it hears them a change reaches the next poll at once.
     */
    @WithDefault("2s")
    Duration stalenessBound();

    /**
     * Config keys (dotted) that change on their own on a running controller and never make a customer drifted; a
     * key also covers every key below it.
     */
    @WithDefault("generated_at,runtime")
    List<String> volatileKeys();
}
