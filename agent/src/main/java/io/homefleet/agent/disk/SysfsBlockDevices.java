package io.homefleet.agent.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every block device the kernel knows, from /sys/block: disks with their partitions, sizes and identities. */
public final class SysfsBlockDevices {
    private static final long SECTOR = 512;
    private final Path sys;

    public SysfsBlockDevices(Path sys) {
        this.sys = sys;
    }

    /** One kernel block device as sysfs describes it. */
    public record RawDevice(String name, String kind, String parent, long sizeBytes, String majorMinor,
                            String model, String serial, String wwn, String backingFile,
                            List<String> holders, List<String> slaves) {
    }

    public List<RawDevice> list() throws IOException {
        List<RawDevice> out = new ArrayList<>();
        for (Path disk : children(sys.resolve("block"))) {
            String name = disk.getFileName().toString();
            long size = sectors(disk) * SECTOR;
            if (size == 0) {
                continue; // unattached loop devices and empty card readers hold nothing
            }
            String kind = name.startsWith("loop") ? "loop" : "disk";
            Path device = disk.resolve("device");
            out.add(new RawDevice(name, kind, null, size, text(disk.resolve("dev")).orElse(""),
                    text(device.resolve("model")).orElse(null),
                    text(device.resolve("serial")).or(() -> text(disk.resolve("serial"))).orElse(null),
                    text(disk.resolve("wwid")).or(() -> text(device.resolve("wwid"))).orElse(null),
                    text(disk.resolve("loop/backing_file")).orElse(null),
                    names(disk.resolve("holders")), names(disk.resolve("slaves"))));
            for (Path part : children(disk)) {
                if (!Files.exists(part.resolve("partition"))) {
                    continue;
                }
                out.add(new RawDevice(part.getFileName().toString(), "partition", name, sectors(part) * SECTOR,
                        text(part.resolve("dev")).orElse(""), null, null, null, null,
                        names(part.resolve("holders")), List.of()));
            }
        }
        return out;
    }

    /** The kernel name behind a major:minor pair, via /sys/dev/block. */
    public Optional<String> nameOf(String majorMinor) {
        try {
            return Optional.of(sys.resolve("dev/block").resolve(majorMinor).toRealPath().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long sectors(Path dir) {
        return text(dir.resolve("size")).map(Long::parseLong).orElse(0L);
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var stream = Files.list(dir)) {
            return stream.sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static List<String> names(Path dir) {
        try {
            return children(dir).stream().map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<String> text(Path file) {
        try {
            String value = Files.readString(file).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
