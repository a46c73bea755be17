package io.homefleet.common.sensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Cpu;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Fan;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Gpu;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Indexed;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Nvme;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Other;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes {@code sensors -j} JSON (and the wrapper shape {@code {"sensors":{...},"smart":[...]}}) into a
 * {@link TemperatureSnapshot}.
 *
 * <p>CPU package: coretemp "Package id N", AMD Tdie (else Tctl), SuperIO CPUTIN / "CPU Temperature"; when
 * none exists a single-sensor SoC's temp1; then the hottest core or CCD; last, a board's generic temp1
 * (acpitz, SuperIO). The hottest package wins on multi-socket hosts. Limits ({@code _max}, {@code _crit},
 * {@code -273.15}) are never readings; a chip that is not an object is skipped with a warning.
 */
public final class SensorsJsonParser {
    public static final String SOURCE_SENSORS = "sensors";
    public static final String SOURCE_HWMON = "hwmon";
    public static final String SOURCE_THERMAL = "thermal";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern TEMP_INPUT = Pattern.compile("^temp(\\d+)_input$");
    private static final Pattern FAN_INPUT = Pattern.compile("^fan(\\d+)_input$");
    private static final Pattern CORETEMP_PACKAGE = Pattern.compile("^(?:Package id|Physical id)\\s+(\\d+)$");
    private static final Pattern CORETEMP_CORE = Pattern.compile("^Core\\s+(\\d+)$");
    private static final Pattern AMD_CCD = Pattern.compile("^Tccd\\d+$");

    /** Parses text; the node name, time and source go into the snapshot unchanged. */
    public SensorsReading parse(String json, String node, Instant takenAt, String source) throws SensorsFormatException {
        if (json == null || json.isBlank()) {
            throw new SensorsFormatException("empty input: expected the JSON object that `sensors -j` prints");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SensorsFormatException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        return parse(root, node, takenAt, source);
    }

    public SensorsReading parse(JsonNode root, String node, Instant takenAt, String source) throws SensorsFormatException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SensorsFormatException("empty input: expected the JSON object that `sensors -j` prints");
        }
        if (!root.isObject()) {
            throw new SensorsFormatException("expected a JSON object of chips as `sensors -j` prints, got "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<String> warnings = new ArrayList<>();
        JsonNode chips = root;
        JsonNode smart = null;
        if (isWrapper(root)) {
            chips = root.path("sensors");
            if (chips.isTextual()) {
                chips = nested(chips.textValue());
            }
            if (!chips.isObject()) {
                warnings.add("wrapper field 'sensors' is not an object: no chip readings");
                chips = MAPPER.createObjectNode();
            }
            smart = root.get("smart");
        }
        Accumulator acc = new Accumulator(warnings);
        // Sorted by chip name so device numbering and output order are stable between readings.
        Map<String, JsonNode> sorted = new TreeMap<>();
        chips.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> chip : sorted.entrySet()) {
            if (!chip.getValue().isObject()) {
                warnings.add("chip '" + chip.getKey() + "' is " + describe(chip.getValue()) + ", not an object: skipped");
                continue;
            }
            acc.chip(chip.getKey(), chip.getValue());
        }
        List<Disk> disks = smart == null ? List.of() : disks(smart, warnings);
        TemperatureSnapshot snapshot = new TemperatureSnapshot(node, takenAt, source, acc.cpu(), acc.nvme, acc.gpu,
                disks, acc.fans, acc.other);
        return new SensorsReading(snapshot, warnings);
    }

    private static boolean isWrapper(JsonNode root) {
        // lm-sensors chip names are driver-bus-address, so a top-level "sensors" or "smart" key is never a chip.
        JsonNode sensors = root.get("sensors");
        JsonNode smart = root.get("smart");
        return (sensors != null && (sensors.isObject() || sensors.isTextual())) || (smart != null && smart.isArray());
    }

    private static JsonNode nested(String text) throws SensorsFormatException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SensorsFormatException("wrapper field 'sensors' holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static List<Disk> disks(JsonNode smart, List<String> warnings) {
        if (!smart.isArray()) {
            warnings.add("wrapper field 'smart' is not an array: no disk readings");
            return List.of();
        }
        List<Disk> disks = new ArrayList<>();
        for (JsonNode entry : smart) {
            String device = text(entry, "device");
            if (!entry.isObject() || device == null) {
                warnings.add("SMART entry without a device name: skipped");
                continue;
            }
            JsonNode raw = entry.has("temperature") ? entry.get("temperature") : entry.get("temp");
            OptionalDouble temp = TemperatureValues.celsius(raw);
            boolean standby = entry.path("standbySkipped").asBoolean(false) || entry.path("standby_skipped").asBoolean(false)
                    || entry.path("standby").asBoolean(false);
            disks.add(new Disk(device, text(entry, "serial"), text(entry, "model"),
                    temp.isPresent() ? temp.getAsDouble() : null, standby));
        }
        disks.sort(Comparator.comparing(Disk::device));
        return disks;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    /** Collects readings chip by chip, then decides what the CPU package is. */
    private static final class Accumulator {
        private final List<String> warnings;
        private final List<Indexed> explicitPackages = new ArrayList<>();
        private final List<Indexed> socPackages = new ArrayList<>();
        private final List<Other> socReadings = new ArrayList<>();
        private final List<Indexed> cores = new ArrayList<>();
        private final List<Double> ccds = new ArrayList<>();
        private final List<Double> boardFallback = new ArrayList<>();
        final List<Nvme> nvme = new ArrayList<>();
        final List<Gpu> gpu = new ArrayList<>();
        final List<Fan> fans = new ArrayList<>();
        final List<Other> other = new ArrayList<>();
        private int amdChips;
        private int superIoChips;

        Accumulator(List<String> warnings) {
            this.warnings = warnings;
        }

        void chip(String chip, JsonNode features) {
            Map<String, Double> temps = new java.util.LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = features.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> feature = it.next();
                if (!feature.getValue().isObject()) {
                    continue; // "Adapter": "ISA adapter" and similar labels
                }
                readFeature(chip, feature.getKey(), feature.getValue(), temps);
            }
            switch (ChipKind.of(chip)) {
                case INTEL_CORETEMP -> coretemp(chip, temps);
                case AMD_CPU -> amd(chip, temps);
                case SUPER_IO -> superIo(chip, temps);
                case SOC_CPU -> soc(chip, temps);
                case ACPI_ZONE -> acpi(chip, temps);
                case NVME -> nvme(chip, temps);
                case GPU -> temps.forEach((sensor, t) -> gpu.add(new Gpu(chip, sensor, t)));
                case OTHER -> temps.forEach((feature, t) -> other.add(new Other(chip, feature, t)));
            }
        }

        private void readFeature(String chip, String feature, JsonNode sub, Map<String, Double> temps) {
            Iterator<Map.Entry<String, JsonNode>> it = sub.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (TEMP_INPUT.matcher(key).matches()) {
                    OptionalDouble t = TemperatureValues.celsius(e.getValue());
                    if (t.isPresent()) {
                        temps.putIfAbsent(feature, t.getAsDouble());
                    } else {
                        warnings.add("chip '" + chip + "' feature '" + feature + "': " + key + " = " + e.getValue()
                                + " is not a plausible temperature: skipped");
                    }
                } else if (FAN_INPUT.matcher(key).matches() && e.getValue().isNumber() && e.getValue().doubleValue() >= 0) {
                    fans.add(new Fan(chip, feature, e.getValue().doubleValue()));
                }
            }
        }

        private void coretemp(String chip, Map<String, Double> temps) {
            temps.forEach((feature, t) -> {
                Matcher pkg = CORETEMP_PACKAGE.matcher(feature);
                Matcher core = CORETEMP_CORE.matcher(feature);
                if (pkg.matches()) {
                    explicitPackages.add(new Indexed(Integer.parseInt(pkg.group(1)), t));
                } else if (core.matches()) {
                    cores.add(new Indexed(Integer.parseInt(core.group(1)), t));
                } else {
                    other.add(new Other(chip, feature, t));
                }
            });
        }

        private void amd(String chip, Map<String, Double> temps) {
            int index = amdChips++;
            Double die = temps.get("Tdie");
            Double control = temps.get("Tctl");
            if (die != null) {
                explicitPackages.add(new Indexed(index, die));
            } else if (control != null) {
                explicitPackages.add(new Indexed(index, control));
            }
            temps.forEach((feature, t) -> {
                if (AMD_CCD.matcher(feature).matches()) {
                    ccds.add(t);
                    other.add(new Other(chip, feature, t));
                } else if (!(feature.equals("Tdie") || (feature.equals("Tctl") && die == null))) {
                    other.add(new Other(chip, feature, t)); // Tctl beside Tdie carries an offset: kept, not the package
                }
            });
        }

        private void superIo(String chip, Map<String, Double> temps) {
            int index = superIoChips++;
            String cpuFeature = null;
            for (String feature : temps.keySet()) {
                String f = feature.toLowerCase(Locale.ROOT);
                if (f.equals("cputin") || f.equals("cpu temperature") || f.equals("cpu temp")) {
                    cpuFeature = feature;
                    break;
                }
            }
            if (cpuFeature != null) {
                explicitPackages.add(new Indexed(index, temps.get(cpuFeature)));
            } else if (temps.containsKey("temp1")) {
                boardFallback.add(temps.get("temp1"));
            }
            String used = cpuFeature;
            temps.forEach((feature, t) -> {
                if (!feature.equals(used)) {
                    other.add(new Other(chip, feature, t));
                }
            });
        }

        private void soc(String chip, Map<String, Double> temps) {
            temps.forEach((feature, t) -> {
                if (feature.equals("temp1") && socPackages.isEmpty()) {
                    socPackages.add(new Indexed(0, t));
                    socReadings.add(new Other(chip, feature, t));
                } else {
                    other.add(new Other(chip, feature, t));
                }
            });
        }

        private void acpi(String chip, Map<String, Double> temps) {
            temps.forEach((feature, t) -> {
                if (feature.equals("temp1")) {
                    boardFallback.add(t);
                }
                other.add(new Other(chip, feature, t));
            });
        }

        private void nvme(String chip, Map<String, Double> temps) {
            String chosen = temps.containsKey("Composite") ? "Composite"
                    : temps.containsKey("Sensor 1") ? "Sensor 1"
                    : temps.keySet().stream().findFirst().orElse(null);
            if (chosen == null) {
                return;
            }
            // Chips arrive sorted by name, so the n-th NVMe chip is always nvme<n>.
            nvme.add(new Nvme("nvme" + nvme.size(), chip, temps.get(chosen)));
            temps.forEach((feature, t) -> {
                if (!feature.equals(chosen)) {
                    other.add(new Other(chip, feature, t));
                }
            });
        }

        Cpu cpu() {
            List<Indexed> packages;
            if (!explicitPackages.isEmpty()) {
                packages = explicitPackages;
                other.addAll(socReadings); // a SoC zone beside a real CPU sensor is just another reading
            } else {
                packages = socPackages;
            }
            packages.sort(Comparator.comparingInt(Indexed::index));
            cores.sort(Comparator.comparingInt(Indexed::index));
            Double pkg = max(packages.stream().map(Indexed::temp).toList());
            if (pkg == null) {
                List<Double> coreAndCcd = new ArrayList<>(ccds);
                cores.forEach(c -> coreAndCcd.add(c.temp()));
                pkg = max(coreAndCcd);
            }
            if (pkg == null) {
                pkg = max(boardFallback);
            }
            if (pkg == null && cores.isEmpty()) {
                return null;
            }
            List<Double> all = new ArrayList<>(ccds);
            packages.forEach(p -> all.add(p.temp()));
            cores.forEach(c -> all.add(c.temp()));
            all.add(pkg);
            return new Cpu(pkg, max(all), List.copyOf(packages), List.copyOf(cores));
        }

        private static Double max(List<Double> values) {
            return values.stream().filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
        }
    }
}
