package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "Szerver állapota (gazdagép)" card: the host's memory, load, uptime, root disk and temperatures (CPU package
 * and cores, NVMe, SMART drive temperatures) as the agent's {@code /host/metrics} reports them, formatted.
 */
public record HostCard(
        String hostId,
        String takenAt,
        String memory,
        int memoryMeter,
        String load,
        String uptime,
        String rootDisk,
        int rootDiskMeter,
        String cpuPackage,
        List<Reading> cores,
        List<Reading> nvme,
        List<Reading> disks) {

    /** One temperature: a label already in the page's language, and the value. */
    public record Reading(String label, String value) {
    }

    public boolean hasTemperatures() {
        return !Formats.MISSING.equals(cpuPackage) || !cores.isEmpty() || !nvme.isEmpty() || !disks.isEmpty();
    }

    public static HostCard of(HostMetrics m, Formats f) {
        TemperatureSnapshot t = m.temperatures();
        Double cpuPackage = m.cpuTempC();
        List<Reading> cores = new ArrayList<>();
        List<Reading> nvme = new ArrayList<>();
        if (t != null && t.cpu() != null) {
            if (t.cpu().packageTemp() != null) {
                cpuPackage = t.cpu().packageTemp();
            } else if (cpuPackage == null) {
                cpuPackage = t.cpu().max();
            }
            for (TemperatureSnapshot.Indexed core : nullSafe(t.cpu().cores())) {
                cores.add(new Reading(f.msg().cpu_core(core.index()), f.temperature(core.temp())));
            }
        }
        if (t != null) {
            for (TemperatureSnapshot.Nvme drive : nullSafe(t.nvme())) {
                nvme.add(new Reading(drive.device() != null ? drive.device() : drive.chip(), f.temperature(drive.temp())));
            }
        }
        // SMART drive temperatures: the metrics' own list, else the snapshot's; one line per device
        Map<String, Reading> disks = new TreeMap<>();
        List<TemperatureSnapshot.Disk> diskTemps = m.diskTemperatures() != null && !m.diskTemperatures().isEmpty()
                ? m.diskTemperatures() : t == null ? List.of() : nullSafe(t.disks());
        for (TemperatureSnapshot.Disk disk : diskTemps) {
            String label = disk.device() + (disk.model() == null || disk.model().isBlank() ? "" : " (" + disk.model() + ")");
            String value = Boolean.TRUE.equals(disk.standby()) && disk.temp() == null
                    ? f.msg().standby() : f.temperature(disk.temp());
            disks.putIfAbsent(String.valueOf(disk.device()), new Reading(label, value));
        }
        return new HostCard(
                m.hostId() == null ? Formats.MISSING : m.hostId(),
                f.instant(m.takenAt()),
                f.usedOf(m.memoryUsed(), m.memoryTotal()),
                Formats.meter(m.memoryUsed(), m.memoryTotal()),
                f.load(m.load1()) + " / " + f.load(m.load5()) + " / " + f.load(m.load15()),
                f.duration(m.uptime()),
                f.usedOf(m.rootDiskUsed(), m.rootDiskTotal()),
                Formats.meter(m.rootDiskUsed(), m.rootDiskTotal()),
                f.temperature(cpuPackage),
                cores,
                nvme,
                List.copyOf(disks.values()));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
