package io.homefleet.agent.temperature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs fallback: hwmon values in millidegrees become a snapshot; a host without sensors gives an empty one. */
class SysfsTemperatureReaderTest {

    @Test
    void coretempFromHwmonGivesTheCpuPackageTemperature(@TempDir Path sys) throws Exception {
        Path hwmon = Files.createDirectories(sys.resolve("class/hwmon/hwmon0"));
        Files.writeString(hwmon.resolve("name"), "coretemp\n");
        Files.writeString(hwmon.resolve("temp1_label"), "Package id 0\n");
        Files.writeString(hwmon.resolve("temp1_input"), "46000\n");
        Files.writeString(hwmon.resolve("temp2_label"), "Core 0\n");
        Files.writeString(hwmon.resolve("temp2_input"), "44000\n");
        TemperatureSnapshot snapshot = new SysfsTemperatureReader(sys).read("pve");
        assertEquals("hwmon", snapshot.source());
        assertEquals(46.0, TemperatureService.cpuTemperature(snapshot).orElseThrow());
    }

    @Test
    void thermalZonesAreTheLastResort(@TempDir Path sys) throws Exception {
        Path zone = Files.createDirectories(sys.resolve("class/thermal/thermal_zone0"));
        Files.writeString(zone.resolve("type"), "x86_pkg_temp\n");
        Files.writeString(zone.resolve("temp"), "52000\n");
        TemperatureSnapshot snapshot = new SysfsTemperatureReader(sys).read("pve");
        assertEquals("thermal", snapshot.source());
        assertEquals(52.0, TemperatureService.cpuTemperature(snapshot).orElseThrow());
    }

    @Test
    void aHostWithoutSensorsGivesAnEmptySnapshotNotAnError(@TempDir Path sys) {
        TemperatureSnapshot snapshot = new SysfsTemperatureReader(sys).read("pve");
        assertNull(snapshot.cpu());
        assertEquals(0, snapshot.nvme().size());
    }
}
