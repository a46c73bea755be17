package io.homefleet.common.sensors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the kernel's sensor files into the shape {@code sensors -j} prints, so one parser serves all
 * sources: {@code /sys/class/hwmon/hwmonN/{name,tempK_input,tempK_label,fanK_input}} and
 * {@code /sys/class/thermal/thermal_zoneN/{type,temp}}. Values stay in millidegrees; the parser converts.
 */
public final class SysfsSensorsReader {
    private static final Pattern TEMP_FILE = Pattern.compile("^temp(\\d+)_input$");
    private static final Pattern FAN_FILE = Pattern.compile("^fan(\\d+)_input$");
    private static final Pattern ZONE_DIR = Pattern.compile("^thermal_zone(\\d+)$");

    private SysfsSensorsReader() {
    }

    /** hwmon chips, named {@code <driver>-<device>} (e.g. {@code nvme-nvme0}); empty when the class is absent. */
    public static ObjectNode hwmon(Path hwmonRoot) throws IOException {
        ObjectNode chips = JsonNodeFactory.instance.objectNode();
        for (Path dir : children(hwmonRoot)) {
            String driver = firstLine(dir.resolve("name"));
            if (driver == null) {
                continue;
            }
            ObjectNode features = JsonNodeFactory.instance.objectNode();
            for (Path file : children(dir)) {
                String fileName = file.getFileName().toString();
                Matcher temp = TEMP_FILE.matcher(fileName);
                Matcher fan = FAN_FILE.matcher(fileName);
                if (temp.matches()) {
                    Long value = number(file);
                    if (value != null) {
                        String label = firstLine(dir.resolve("temp" + temp.group(1) + "_label"));
                        features.putObject(label != null ? label : "temp" + temp.group(1)).put(fileName, value);
                    }
                } else if (fan.matches()) {
                    Long value = number(file);
                    if (value != null) {
                        String label = firstLine(dir.resolve("fan" + fan.group(1) + "_label"));
                        features.putObject(label != null ? label : "fan" + fan.group(1)).put(fileName, value);
                    }
                }
            }
            if (!features.isEmpty()) {
                chips.set(driver.replace('-', '_') + "-" + deviceName(dir), features);
            }
        }
        return chips;
    }

    /** Thermal zones as virtual chips {@code <type>-virtual-N} with one feature {@code temp1}. */
    public static ObjectNode thermal(Path thermalRoot) throws IOException {
        ObjectNode chips = JsonNodeFactory.instance.objectNode();
        for (Path dir : children(thermalRoot)) {
            Matcher zone = ZONE_DIR.matcher(dir.getFileName().toString());
            if (!zone.matches()) {
                continue;
            }
            String type = firstLine(dir.resolve("type"));
            Long value = number(dir.resolve("temp"));
            if (type == null || value == null) {
                continue;
            }
            chips.putObject(type.replace('-', '_') + "-virtual-" + zone.group(1)).putObject("temp1").put("temp1_input", value);
        }
        return chips;
    }

    private static String deviceName(Path hwmonDir) {
        Path device = hwmonDir.resolve("device");
        try {
            if (Files.isSymbolicLink(device)) {
                // The device link names the hardware (nvme0, 0000:03:00.0), stable across boots unlike hwmonN.
                return Files.readSymbolicLink(device).getFileName().toString().replace('-', '_');
            }
        } catch (IOException ignored) {
            // fall back to the hwmon directory name
        }
        return hwmonDir.getFileName().toString();
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> list = new ArrayList<>(s.toList());
            list.sort(null);
            return list;
        }
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            text = nl >= 0 ? text.substring(0, nl) : text;
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null; // absent or unreadable (some sensors return EIO when the device sleeps)
        }
    }

    private static Long number(Path file) {
        String text = firstLine(file);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
