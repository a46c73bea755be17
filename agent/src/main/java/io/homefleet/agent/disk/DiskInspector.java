package io.homefleet.agent.disk;

import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.agent.temperature.TemperatureService;
import io.homefleet.common.contract.v1.BlockDevice;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Decides, by looking at the host itself and never at what a caller claims, whether each block device holds data:
 * mounted (itself or a partition), active swap, held by device-mapper/RAID, the boot disk, backing a Proxmox storage,
 * or carrying any signature that low-level probing finds (filesystem, partition table, RAID, LVM PV, ZFS member).
 * Each finding is a typed {@link DiskUse}; the reason sentences the API shows are written from them.
 */
public class DiskInspector {
    private static final Logger LOG = Logger.getLogger(DiskInspector.class);
    private static final Set<String> BOOT_MOUNTS = Set.of("/", "/boot", "/boot/efi");
    private final SysfsBlockDevices sysfs;
    private final Path proc;
    private final Path dev;
    private final SignatureProbe probe;
    private final ProxmoxApi proxmox;
    private final Supplier<List<HostStorage>> storages;
    private final Supplier<TemperatureSnapshot> temperatures;

    public DiskInspector(Path sys, Path proc, Path dev, SignatureProbe probe, ProxmoxApi proxmox,
                         Supplier<List<HostStorage>> storages, Supplier<TemperatureSnapshot> temperatures) {
        this.sysfs = new SysfsBlockDevices(sys);
        this.proc = proc;
        this.dev = dev;
        this.probe = probe;
        this.proxmox = proxmox;
        this.storages = storages;
        this.temperatures = temperatures;
    }

    /** Finds one device by its /dev path, inspected afresh. */
    public Optional<InspectedDevice> inspect(String devicePath) {
        return inspectWithUses().stream().filter(d -> d.device().path().equals(devicePath)).findFirst();
    }

    public List<BlockDevice> inspectAll() {
        return inspectWithUses().stream().map(InspectedDevice::device).toList();
    }

    /** A device as the API shows it, and the typed uses its reasons were written from. */
    public record InspectedDevice(BlockDevice device, List<DiskUse> uses) {
    }

    private List<InspectedDevice> inspectWithUses() {
        try {
            return inspectAllUnchecked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host's block devices", e);
        }
    }

    private List<InspectedDevice> inspectAllUnchecked() throws IOException {
        List<SysfsBlockDevices.RawDevice> raw = sysfs.list();
        Map<String, SysfsBlockDevices.RawDevice> byName = new LinkedHashMap<>();
        raw.forEach(d -> byName.put(d.name(), d));
        List<MountTable.Mount> mounts = MountTable.read(proc.resolve("self/mountinfo"));
        Set<String> swaps = activeSwaps();
        Map<String, List<String>> byId = linksByDevice(dev.resolve("disk/by-id"));
        Set<String> bootDisks = bootDisks(mounts, byName);
        Map<String, String> proxmoxUse = proxmoxDiskUse();
        Map<String, List<String>> storageUse = storagesByDevice(mounts, byName);
        Map<String, Double> temps = diskTemperatures();

        Map<String, List<DiskUse>> ownUses = new HashMap<>();
        Map<String, List<String>> mountpoints = new HashMap<>();
        Map<String, SignatureProbe.Probe> probes = new HashMap<>();
        for (SysfsBlockDevices.RawDevice d : raw) {
            String path = "/dev/" + d.name();
            List<DiskUse> uses = new ArrayList<>();
            List<String> points = mounts.stream()
                    .filter(m -> m.majorMinor().equals(d.majorMinor()) || m.source().equals(path))
                    .map(MountTable.Mount::mountPoint).distinct().sorted().toList();
            mountpoints.put(d.name(), points);
            if (!points.isEmpty()) {
                uses.add(new DiskUse(DiskUse.Kind.MOUNTED, "device is mounted at " + String.join(", ", points)));
            }
            if (swaps.contains(path)) {
                uses.add(new DiskUse(DiskUse.Kind.SWAP, "device is active swap"));
            }
            if (!d.holders().isEmpty()) {
                uses.add(new DiskUse(DiskUse.Kind.HOLDER,
                        "device is in use by " + String.join(", ", d.holders()) + " (device-mapper, LVM or RAID)"));
            }
            String diskName = d.parent() == null ? d.name() : d.parent();
            if (bootDisks.contains(diskName)) {
                uses.add(d.parent() == null ? new DiskUse(DiskUse.Kind.BOOT_DISK, "device is the boot disk")
                        : new DiskUse(DiskUse.Kind.ON_BOOT_DISK, "device is on the boot disk " + diskName));
            }
            storageUse.getOrDefault(d.name(), List.of())
                    .forEach(s -> uses.add(new DiskUse(DiskUse.Kind.PROXMOX_STORAGE, "device backs Proxmox storage " + s)));
            String pveUse = proxmoxUse.get(path);
            if (pveUse != null && !pveUse.equals("partitions")) {
                uses.add(new DiskUse(DiskUse.Kind.PROXMOX_IN_USE, "Proxmox reports the device in use: " + pveUse));
            }
            SignatureProbe.Probe found = probe.probe(path);
            probes.put(d.name(), found);
            if (found.signature() != null) {
                uses.add(use(found.signature()));
            }
            if (found.failure() != null) {
                uses.add(new DiskUse(DiskUse.Kind.PROBE_FAILED,
                        "signature probing failed, so the device is treated as data-bearing: " + found.failure()));
            }
            ownUses.put(d.name(), uses);
        }

        List<InspectedDevice> out = new ArrayList<>();
        for (SysfsBlockDevices.RawDevice d : raw) {
            List<DiskUse> uses = new ArrayList<>(ownUses.get(d.name()));
            if (d.parent() == null) {
                raw.stream().filter(p -> d.name().equals(p.parent())).forEach(p -> ownUses.get(p.name())
                        .forEach(u -> uses.add(u.onPartition(p.name()))));
            }
            List<String> reasons = uses.stream().map(DiskUse::detail).toList();
            SignatureProbe.Probe found = probes.get(d.name());
            out.add(new InspectedDevice(new BlockDevice(d.name(), "/dev/" + d.name(), d.kind(), d.parent(), d.sizeBytes(),
                    d.model(), d.serial(), d.wwn(), durableId(d, byName, byId), byId.getOrDefault(d.name(), List.of()),
                    mountpoints.get(d.name()), found.signature(), temps.get(d.name()),
                    !reasons.isEmpty(), reasons.isEmpty() ? null : reasons.get(0), reasons), List.copyOf(uses)));
        }
        return out;
    }

    private static DiskUse use(BlockDevice.Signature signature) {
        String type = signature.type();
        return switch (signature.usage()) {
            case "partition_table" -> new DiskUse(DiskUse.Kind.PARTITION_TABLE,
                    "a partition table (" + type + ") was found by blkid -p");
            case "filesystem" -> new DiskUse(DiskUse.Kind.FILESYSTEM, "a filesystem (" + type + ") was found by blkid -p");
            case "raid" -> type.contains("LVM")
                    ? new DiskUse(DiskUse.Kind.LVM_PV, "an LVM physical volume (" + type + ") was found by blkid -p")
                    : type.contains("zfs")
                    ? new DiskUse(DiskUse.Kind.ZFS_MEMBER, "a ZFS pool member (" + type + ") was found by blkid -p")
                    : new DiskUse(DiskUse.Kind.RAID_MEMBER, "a RAID member (" + type + ") was found by blkid -p");
            case "crypto" -> new DiskUse(DiskUse.Kind.CRYPTO, "an encrypted volume (" + type + ") was found by blkid -p");
            default -> new DiskUse(DiskUse.Kind.OTHER_SIGNATURE, "a signature (" + type + ") was found by blkid -p");
        };
    }

    private String durableId(SysfsBlockDevices.RawDevice d, Map<String, SysfsBlockDevices.RawDevice> byName,
                             Map<String, List<String>> byId) {
        List<String> links = byId.getOrDefault(d.name(), List.of());
        Optional<String> preferred = links.stream().filter(l -> l.startsWith("wwn-")).findFirst()
                .or(() -> links.stream().findFirst());
        if (preferred.isPresent()) {
            return "byid:" + preferred.get();
        }
        if (d.parent() != null) {
            String number = d.name().replaceFirst("^.*?(\\d+)$", "$1");
            return durableId(byName.get(d.parent()), byName, byId) + "-part" + number;
        }
        if (d.wwn() != null) {
            return "wwn:" + d.wwn();
        }
        if (d.serial() != null) {
            return "serial:" + d.serial();
        }
        if (d.backingFile() != null) {
            return "loop:" + d.backingFile();
        }
        return "path:/dev/" + d.name();
    }

    private Set<String> activeSwaps() {
        Set<String> out = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(proc.resolve("swaps"));
            lines.stream().skip(1).map(l -> l.split("\\s+")[0]).forEach(out::add);
        } catch (IOException e) {
            // no swap table: nothing is swap
        }
        return out;
    }

    private static Map<String, List<String>> linksByDevice(Path dir) {
        Map<String, List<String>> out = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var stream = Files.list(dir)) {
            stream.sorted(Comparator.comparing(Path::toString)).forEach(link -> {
                try {
                    String target = link.toRealPath().getFileName().toString();
                    out.computeIfAbsent(target, k -> new ArrayList<>()).add(link.getFileName().toString());
                } catch (IOException e) {
                    // dangling link: ignore
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private Set<String> bootDisks(List<MountTable.Mount> mounts, Map<String, SysfsBlockDevices.RawDevice> byName) {
        Set<String> out = new HashSet<>();
        for (MountTable.Mount m : mounts) {
            if (BOOT_MOUNTS.contains(m.mountPoint())) {
                sysfs.nameOf(m.majorMinor()).or(() -> deviceNameOfSource(m.source()))
                        .ifPresent(name -> collectDisks(name, byName, out, 0));
            }
        }
        return out;
    }

    private Optional<String> deviceNameOfSource(String source) {
        if (!source.startsWith("/dev/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source).toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Climbs from a partition, dm or md device down to the physical disks beneath it. */
    private void collectDisks(String name, Map<String, SysfsBlockDevices.RawDevice> byName, Set<String> out, int depth) {
        SysfsBlockDevices.RawDevice d = byName.get(name);
        if (d == null || depth > 8) {
            return;
        }
        if (d.parent() != null) {
            collectDisks(d.parent(), byName, out, depth + 1);
        } else if (!d.slaves().isEmpty()) {
            for (String slave : d.slaves()) {
                collectDisks(slave, byName, out, depth + 1);
                byName.values().stream().filter(p -> slave.equals(p.name()) && p.parent() != null)
                        .forEach(p -> collectDisks(p.parent(), byName, out, depth + 1));
            }
        } else {
            out.add(name);
        }
    }

    private Map<String, String> proxmoxDiskUse() {
        try {
            return proxmox.diskUsage();
        } catch (RuntimeException e) {
            LOG.debugf("Proxmox disk list unavailable: %s", e.getMessage());
            return Map.of();
        }
    }

    /** Directory storages: the device mounted under the storage's path backs it. */
    private Map<String, List<String>> storagesByDevice(List<MountTable.Mount> mounts,
                                                       Map<String, SysfsBlockDevices.RawDevice> byName) {
        Map<String, List<String>> out = new HashMap<>();
        List<HostStorage> list;
        try {
            list = storages.get();
        } catch (RuntimeException e) {
            return out;
        }
        for (HostStorage storage : list) {
            if (storage.path() == null) {
                continue;
            }
            mounts.stream()
                    .filter(m -> storage.path().equals(m.mountPoint()) || storage.path().startsWith(
                            m.mountPoint().endsWith("/") ? m.mountPoint() : m.mountPoint() + "/"))
                    .max(Comparator.comparingInt(m -> m.mountPoint().length()))
                    .flatMap(m -> sysfs.nameOf(m.majorMinor()))
                    .filter(byName::containsKey)
                    .ifPresent(name -> out.computeIfAbsent(name, k -> new ArrayList<>())
                            .add("'" + storage.name() + "' (" + storage.path() + ")"));
        }
        return out;
    }

    private Map<String, Double> diskTemperatures() {
        Map<String, Double> out = new HashMap<>();
        try {
            TemperatureSnapshot snapshot = temperatures.get();
            if (snapshot == null) {
                return out;
            }
            if (snapshot.disks() != null) {
                snapshot.disks().stream().filter(d -> d.temp() != null)
                        .forEach(d -> out.put(d.device().replaceFirst("^/dev/", ""), d.temp()));
            }
            if (snapshot.nvme() != null) {
                snapshot.nvme().forEach(n -> out.put(n.device().replaceFirst("^/dev/", ""), n.temp()));
            }
        } catch (RuntimeException e) {
            LOG.debugf("temperatures unavailable: %s", e.getMessage());
        }
        return out;
    }
}
