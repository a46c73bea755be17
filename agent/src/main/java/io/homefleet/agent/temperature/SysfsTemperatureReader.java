package io.homefleet.agent.temperature;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temperatures from the kernel's hwmon and thermal-zone files, for hosts without the sensor proxy. Values there
 * are millidegrees Celsius. To be replaced by the shared sensors parser once it exists.
 */
public final class SysfsTemperatureReader {
    private static final Pattern CORE = Pattern.compile("Core (\\d+)");
    private static final Pattern PACKAGE = Pattern.compile("Package id (\\d+)");
    private final Path sys;

    public SysfsTemperatureReader(Path sys) {
        this.sys = sys;
    }

    public TemperatureSnapshot read(String node) {
        List<TemperatureSnapshot.Indexed> packages = new ArrayList<>();
        List<TemperatureSnapshot.Indexed> cores = new ArrayList<>();
        List<TemperatureSnapshot.Nvme> nvme = new ArrayList<>();
        List<TemperatureSnapshot.Disk> disks = new ArrayList<>();
        List<TemperatureSnapshot.Gpu> gpus = new ArrayList<>();
        List<TemperatureSnapshot.Other> other = new ArrayList<>();
        Double cpuPackage = null;
        String source = null;
        for (Path hwmon : list(sys.resolve("class/hwmon"))) {
            String chip = text(hwmon.resolve("name")).orElse(hwmon.getFileName().toString());
            for (Path input : list(hwmon, "temp*_input")) {
                Optional<Double> value = milli(input);
                if (value.isEmpty()) {
                    continue;
                }
                source = "hwmon";
                double temp = value.get();
                String prefix = input.getFileName().toString().replace("_input", "");
                String label = text(hwmon.resolve(prefix + "_label")).orElse(prefix);
                switch (chip) {
                    case "coretemp" -> {
                        Matcher core = CORE.matcher(label);
                        Matcher pkg = PACKAGE.matcher(label);
                        if (pkg.matches()) {
                            packages.add(new TemperatureSnapshot.Indexed(Integer.parseInt(pkg.group(1)), temp));
                        } else if (core.matches()) {
                            cores.add(new TemperatureSnapshot.Indexed(Integer.parseInt(core.group(1)), temp));
                        } else {
                            other.add(new TemperatureSnapshot.Other(chip, label, temp));
                        }
                    }
                    case "k10temp", "zenpower" -> {
                        if (label.equals("Tctl") || label.equals("Tdie") || label.equals(prefix)) {
                            packages.add(new TemperatureSnapshot.Indexed(packages.size(), temp));
                        } else {
                            other.add(new TemperatureSnapshot.Other(chip, label, temp));
                        }
                    }
                    case "nvme" -> nvme.add(new TemperatureSnapshot.Nvme(blockDeviceOf(hwmon).orElse(chip), chip, temp));
                    case "drivetemp" -> disks.add(new TemperatureSnapshot.Disk(
                            blockDeviceOf(hwmon).orElse(chip), null, null, temp, null));
                    case "amdgpu", "nouveau", "radeon" -> gpus.add(new TemperatureSnapshot.Gpu(chip, label, temp));
                    default -> other.add(new TemperatureSnapshot.Other(chip, label, temp));
                }
            }
        }
        for (Path zone : list(sys.resolve("class/thermal"), "thermal_zone*")) {
            String type = text(zone.resolve("type")).orElse(zone.getFileName().toString());
            Optional<Double> value = milli(zone.resolve("temp"));
            if (value.isEmpty()) {
                continue;
            }
            source = source == null ? "thermal" : source;
            if (type.equals("x86_pkg_temp") && packages.isEmpty()) {
                cpuPackage = value.get();
            } else if (type.equals("cpu-thermal") || type.equals("cpu_thermal")) {
                cpuPackage = cpuPackage == null ? value.get() : cpuPackage;
            } else {
                other.add(new TemperatureSnapshot.Other("thermal", type, value.get()));
            }
        }
        packages.sort(Comparator.comparingInt(TemperatureSnapshot.Indexed::index));
        cores.sort(Comparator.comparingInt(TemperatureSnapshot.Indexed::index));
        if (!packages.isEmpty()) {
            cpuPackage = packages.stream().mapToDouble(TemperatureSnapshot.Indexed::temp).max().orElseThrow();
        }
        Double max = Stream.concat(packages.stream(), cores.stream()).map(TemperatureSnapshot.Indexed::temp)
                .max(Double::compare).orElse(cpuPackage);
        TemperatureSnapshot.Cpu cpu = cpuPackage == null && max == null ? null
                : new TemperatureSnapshot.Cpu(cpuPackage, max, packages.isEmpty() ? null : packages,
                        cores.isEmpty() ? null : cores);
        return new TemperatureSnapshot(node, Instant.now(), source, cpu, nvme, gpus, disks, List.of(), other);
    }

    /** hwmonN/device points at the disk (drivetemp: scsi device with block/sdX; nvme: nvmeN with nvmeNn1). */
    private Optional<String> blockDeviceOf(Path hwmon) {
        Path device = hwmon.resolve("device");
        for (Path block : list(device.resolve("block"))) {
            return Optional.of(block.getFileName().toString());
        }
        for (Path child : list(device, "nvme*n*")) {
            return Optional.of(child.getFileName().toString());
        }
        try {
            String target = device.toRealPath().getFileName().toString();
            return Optional.of(target.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        return list(dir, "*");
    }

    private static List<Path> list(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> milli(Path file) {
        // A sensor that is asleep or broken answers with an error on read; skip it instead of failing the lot.
        return text(file).flatMap(s -> {
            try {
                return Optional.of(Long.parseLong(s) / 1000.0);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
