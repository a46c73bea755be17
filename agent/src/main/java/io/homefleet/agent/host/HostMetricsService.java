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

    @Inject
    public HostMetricsService(AgentConfig config, StorageService storages, TemperatureService temperatures) {
        this.storages = storages;
        this.temperatures = temperatures;
        this.hostId = config.hub().hostId();
    }

    public HostMetrics current() {
        try {
            ProcSystemReader.Memory memory = proc.memory();
            ProcSystemReader.Load load = proc.load();
            ProcSystemReader.DiskUsage root = ProcSystemReader.diskUsage(Path.of("/"));
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
