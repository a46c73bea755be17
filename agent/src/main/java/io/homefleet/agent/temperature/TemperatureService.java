package io.homefleet.agent.temperature;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's temperatures: from the sensor proxy when its socket exists, else from sysfs. Kept for a few seconds
 * so that many callers of /host/metrics cost one read.
 */
@Singleton
public class TemperatureService {
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(5).toNanos();
    private final SensorProxyClient proxy;
    private final SysfsTemperatureReader sysfs;
    private final String node;
    private volatile TemperatureSnapshot cached;
    private volatile long cachedAt;

    @Inject
    public TemperatureService(AgentConfig config) {
        this(new SensorProxyClient(config.sensorProxy().socket(), Duration.ofSeconds(2)),
                new SysfsTemperatureReader(Path.of("/sys")), config.proxmox().node());
    }

    public TemperatureService(SensorProxyClient proxy, SysfsTemperatureReader sysfs, String node) {
        this.proxy = proxy;
        this.sysfs = sysfs;
        this.node = node;
    }

    public TemperatureSnapshot current() {
        TemperatureSnapshot snapshot = cached;
        if (snapshot != null && System.nanoTime() - cachedAt < MAX_AGE_NANOS) {
            return snapshot;
        }
        synchronized (this) {
            if (cached != null && System.nanoTime() - cachedAt < MAX_AGE_NANOS) {
                return cached;
            }
            cached = proxy.temperatures().orElseGet(() -> sysfs.read(node));
            cachedAt = System.nanoTime();
            return cached;
        }
    }

    /** The CPU figure a dashboard shows: package temperature, else the hottest CPU value. */
    public static Optional<Double> cpuTemperature(TemperatureSnapshot snapshot) {
        if (snapshot == null || snapshot.cpu() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(snapshot.cpu().packageTemp() != null ? snapshot.cpu().packageTemp() : snapshot.cpu().max());
    }
}
