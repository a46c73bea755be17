package io.homefleet.provisioning.discovery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DiscoveredView(String mac, Instant firstSeen, Instant lastSeen, int boots, String lastAddress) {
    public static DiscoveredView of(DiscoveredMachineEntity d) {
        return new DiscoveredView(d.mac, d.firstSeen, d.lastSeen, d.boots, d.lastAddress);
    }
}
