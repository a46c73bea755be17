package io.homefleet.agent.host;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.storage.StorageService;
import io.homefleet.agent.temperature.TemperatureService;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gathers the host's live figures: /proc and statvfs each call, storages and temperatures from short caches. */
@Singleton
public class HostMetricsService {
    private final ProcSystemReader proc = new ProcSystemReader(Path.of("/proc"));
    private final StorageService storages;
    private final TemperatureService temperatures;
    private final String hostId;
    // Looking a file store up parses the mount table; the store itself answers statvfs cheaply every time.
    private final java.nio.file.FileStore rootStore;
    private volatile HostMetrics latest;
    private volatile long latestAt;

    @Inject
    public HostMetricsService(AgentConfig config, StorageService storages, TemperatureService temperatures) {
        this.storages = storages;
        this.temperatures = temperatures;
        this.hostId = config.hub().hostId();
        try {
            this.rootStore = java.nio.file.Files.getFileStore(Path.of("/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat the root file system", e);
        }
    }

    /**
     * The host's figures, read at most once per {@link #FRESHNESS_NANOS}: many callers in the same instant share one
     * reading instead of re-reading /proc each.
     */
    public HostMetrics current() {
        HostMetrics cached = latest;
        if (cached != null && System.nanoTime() - latestAt < FRESHNESS_NANOS) {
            return cached;
        }
        synchronized (this) {
            if (latest != null && System.nanoTime() - latestAt < FRESHNESS_NANOS) {
                return latest;
            }
            latest = read();
            latestAt = System.nanoTime();
            return latest;
        }
    }

    private static final long FRESHNESS_NANOS = java.time.Duration.ofMillis(500).toNanos();

    private HostMetrics read() {
        try {
            ProcSystemReader.Memory memory = proc.memory();
            ProcSystemReader.Load load = proc.load();
            ProcSystemReader.DiskUsage root = ProcSystemReader.diskUsage(rootStore);
            TemperatureSnapshot temps = temperatures.current();
            List<TemperatureSnapshot.Disk> diskTemps = new ArrayList<>();
            if (temps.disks() != null) {
                diskTemps.addAll(temps.disks());
            }
            if (temps.nvme() != null) {
                temps.nvme().forEach(n -> diskTemps.add(new TemperatureSnapshot.Disk(n.device(), null, null, n.temp(), null)));
            }
            return new HostMetrics(hostId, Instant.now(), memory.totalBytes(), memory.usedBytes(),
                    load.load1(), load.load5(), load.load15(), proc.uptimeSeconds(),
                    root.totalBytes(), root.usedBytes(), TemperatureService.cpuTemperature(temps).orElse(null),
                    storages.storagesOrEmpty(), temps, diskTemps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host figures from /proc", e);
        }
    }
}
