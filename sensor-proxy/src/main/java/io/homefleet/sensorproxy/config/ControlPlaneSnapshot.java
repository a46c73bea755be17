package io.homefleet.sensorproxy.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import java.time.Instant;
import java.util.List;

/**
 * The hub's last accepted list as cached in allowed_nodes.yaml: the nodes, the hash they were checked against,
 * when the hub last changed the list, when this proxy fetched it and from which hub.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ControlPlaneSnapshot(List<AuthorizedNode> nodes, String hash, Instant updatedAt, Instant fetchedAt, String url) {

    public static ControlPlaneSnapshot of(AuthorizedNodes list, Instant fetchedAt, String url) {
        return new ControlPlaneSnapshot(List.copyOf(list.nodes()), list.hash(), list.updatedAt(), fetchedAt, url);
    }

    /** True when the nodes still hash to the recorded hash (a hand edit or a torn copy does not). */
    public boolean intact() {
        return nodes != null && !nodes.isEmpty() && hash != null && AuthorizedNodes.hashOf(nodes).equals(hash);
    }
}
