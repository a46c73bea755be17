package io.homefleet.common.sensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads {@code smartctl --json} output. Disks are always queried with {@code -n standby}: a sleeping disk
 * answers "in STANDBY mode" (exit bit 1 set) instead of spinning up, and is reported as standby without a
 * temperature.
 */
public final class SmartctlJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SmartctlJson() {
    }

    /** Device names from {@code smartctl --json --scan}. */
    public static List<String> scannedDevices(String json) throws SensorsFormatException {
        JsonNode root = read(json);
        List<String> devices = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            String name = d.path("name").asText(null);
            if (name != null && !name.isBlank()) {
                devices.add(name);
            }
        }
        return devices;
    }

    /** One disk from {@code smartctl --json -n standby -i -A DEVICE}. */
    public static Disk disk(String device, String json) throws SensorsFormatException {
        JsonNode root = read(json);
        boolean standby = false;
        for (JsonNode message : root.path("smartctl").path("messages")) {
            String text = message.path("string").asText("").toUpperCase(Locale.ROOT);
            if (text.contains("STANDBY") || text.contains("SLEEP")) {
                standby = true;
            }
        }
        String mode = root.path("power_mode").asText("").toUpperCase(Locale.ROOT);
        if (mode.contains("STANDBY") || mode.contains("SLEEP")) {
            standby = true;
        }
        OptionalDouble temp = TemperatureValues.celsius(root.path("temperature").get("current"));
        int exit = root.path("smartctl").path("exit_status").asInt(0);
        if (!standby && temp.isEmpty() && (exit & 0b11) != 0) {
            // Bits 0-1: bad command line, or the device could not be opened (and it is not asleep): no disk reading.
            String why = root.path("smartctl").path("messages").path(0).path("string").asText("exit status " + exit);
            throw new SensorsFormatException("smartctl could not read " + device + ": " + why);
        }
        String serial = root.path("serial_number").asText(null);
        String model = root.path("model_name").asText(root.path("model_family").asText(null));
        return new Disk(device, serial, model, temp.isPresent() ? temp.getAsDouble() : null, standby);
    }

    private static JsonNode read(String json) throws SensorsFormatException {
        if (json == null || json.isBlank()) {
            throw new SensorsFormatException("smartctl printed nothing");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (!root.isObject()) {
                throw new SensorsFormatException("smartctl output is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SensorsFormatException("smartctl output is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
