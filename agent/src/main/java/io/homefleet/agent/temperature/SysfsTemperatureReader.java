package io.homefleet.agent.temperature;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.sensors.SensorsFormatException;
import io.homefleet.common.sensors.SensorsJsonParser;
import io.homefleet.common.sensors.SensorsReading;
import io.homefleet.common.sensors.SysfsSensorsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Temperatures from the kernel's own files, for hosts without the sensor proxy: /sys/class/hwmon first, then
 * /sys/class/thermal, normalized by the shared sensors parser. No external tool is run (lm-sensors may be absent).
 */
public final class SysfsTemperatureReader {
    private final Path sys;
    private final SensorsJsonParser parser = new SensorsJsonParser();

    public SysfsTemperatureReader(Path sys) {
        this.sys = sys;
    }

    /** A snapshot; empty (no values, source null) when the host exposes no sensor at all, as VMs often do. */
    public TemperatureSnapshot read(String node) {
        for (String source : List.of(SensorsJsonParser.SOURCE_HWMON, SensorsJsonParser.SOURCE_THERMAL)) {
            try {
                ObjectNode chips = source.equals(SensorsJsonParser.SOURCE_HWMON)
                        ? SysfsSensorsReader.hwmon(sys.resolve("class/hwmon"))
                        : SysfsSensorsReader.thermal(sys.resolve("class/thermal"));
                if (chips.isEmpty()) {
                    continue;
                }
                SensorsReading reading = parser.parse(chips, node, Instant.now(), source);
                if (!reading.empty()) {
                    return reading.snapshot();
                }
            } catch (IOException | SensorsFormatException e) {
                // this source is unreadable here; try the next
            }
        }
        return new TemperatureSnapshot(node, Instant.now(), null, null, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
