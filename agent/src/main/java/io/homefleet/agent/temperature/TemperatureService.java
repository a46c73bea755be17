package io.homefleet.agent.temperature;

import io.homefleet.agent.cache.RefreshingValue;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's temperatures: from the sensor proxy when its socket exists, else from sysfs. Kept for a few seconds
 * and refreshed in the background, so many callers of /host/metrics cost one read and none waits for the proxy.
 */
@Singleton
public class TemperatureService {
    private final RefreshingValue<TemperatureSnapshot> snapshot;

    @Inject
    public TemperatureService(AgentConfig config) {
        this(new SensorProxyClient(config.sensorProxy().socket(), Duration.ofSeconds(2), config.proxmox().node()),
                new SysfsTemperatureReader(Path.of("/sys")), config.proxmox().node());
    }

    public TemperatureService(SensorProxyClient proxy, SysfsTemperatureReader sysfs, String node) {
        this.snapshot = new RefreshingValue<>(() -> proxy.temperatures().orElseGet(() -> sysfs.read(node)),
                Duration.ofSeconds(5), "temperatures");
    }

    public TemperatureSnapshot current() {
        return snapshot.get();
    }

    /** The CPU figure a dashboard shows: package temperature, else the hottest CPU value. */
    public static Optional<Double> cpuTemperature(TemperatureSnapshot snapshot) {
        if (snapshot == null || snapshot.cpu() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(snapshot.cpu().packageTemp() != null ? snapshot.cpu().packageTemp() : snapshot.cpu().max());
    }
}
