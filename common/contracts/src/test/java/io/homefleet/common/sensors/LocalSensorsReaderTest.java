package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source order and exit-status rules, with real processes and real directory trees. */
class LocalSensorsReaderTest {
    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path file = dir.resolve("sensors-" + System.nanoTime() + ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private LocalSensorsReader reader(Path command, Path hwmon, Path thermal) {
        return new LocalSensorsReader(List.of(command.toString()), hwmon, thermal, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @Test
    void jsonOnStdoutIsAReadingEvenWhenSensorsExitsNonZero() throws Exception {
        Path fixture = Fixtures.SENSORS.resolve("collector-stub-chip-55-nonzero-exit.json");
        Path sensors = script("cat '" + fixture + "'; echo 'ERROR: Can not read temp2' >&2; exit 1");
        SensorsReading reading = reader(sensors, dir.resolve("none"), dir.resolve("none")).read("pve1");
        assertEquals("sensors", reading.snapshot().source());
        assertEquals(55.0, reading.snapshot().other().get(0).temp());
    }

    @Test
    void emptySensorsFallsBackToHwmonThenThermal() throws Exception {
        Path sensors = script("printf '{}\\n\\n'; echo 'No sensors found!' >&2; exit 1");
        Path hwmon = dir.resolve("hwmon");
        Path chip = Files.createDirectories(hwmon.resolve("hwmon0"));
        Files.writeString(chip.resolve("name"), "coretemp\n");
        Files.writeString(chip.resolve("temp1_input"), "61000\n");
        Files.writeString(chip.resolve("temp1_label"), "Package id 0\n");
        Files.writeString(chip.resolve("temp2_input"), "58000\n");
        Files.writeString(chip.resolve("temp2_label"), "Core 0\n");
        Files.writeString(chip.resolve("temp2_max"), "100000\n");
        Path thermal = dir.resolve("thermal");
        Path zone = Files.createDirectories(thermal.resolve("thermal_zone0"));
        Files.writeString(zone.resolve("type"), "cpu-thermal\n");
        Files.writeString(zone.resolve("temp"), "42000\n");

        SensorsReading fromHwmon = reader(sensors, hwmon, thermal).read("pve1");
        assertEquals("hwmon", fromHwmon.snapshot().source());
        assertEquals(61.0, fromHwmon.snapshot().cpu().packageTemp());
        assertEquals(58.0, fromHwmon.snapshot().cpu().max() - 3.0);

        SensorsReading fromThermal = reader(sensors, dir.resolve("no-hwmon"), thermal).read("pve1");
        assertEquals("thermal", fromThermal.snapshot().source());
        assertEquals(42.0, fromThermal.snapshot().cpu().packageTemp());

        SensorsReading none = reader(sensors, dir.resolve("no-hwmon"), dir.resolve("no-thermal")).read("pve1");
        assertTrue(none.empty(), "{} everywhere is 'no sensors', not an error");
        assertEquals("sensors", none.snapshot().source());
    }

    @Test
    void nothingReadableIsAnErrorNamingEachSource() throws Exception {
        Path garbage = script("echo 'sensors: command exploded'; exit 2");
        NoTemperatureSourceException e = assertThrows(NoTemperatureSourceException.class,
                () -> reader(garbage, dir.resolve("a"), dir.resolve("b")).read("pve1"));
        assertTrue(e.getMessage().contains("sensors: exit 2, not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("hwmon: nothing under"), e.getMessage());
        assertTrue(e.getMessage().contains("thermal: nothing under"), e.getMessage());

        NoTemperatureSourceException missing = assertThrows(NoTemperatureSourceException.class,
                () -> reader(dir.resolve("no-such-binary"), dir.resolve("a"), dir.resolve("b")).read("pve1"));
        assertTrue(missing.getMessage().startsWith("no temperature source could be read: sensors: "), missing.getMessage());
    }

    @Test
    void realLmSensorsOutputIsHandledWhateverTheMachineHas() throws Exception {
        Path real = Path.of("/usr/bin/sensors");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(real), "lm-sensors installed");
        // On a VM `sensors -j` prints {} and exits 1; on hardware it prints chips. Either way: a reading, no error.
        SensorsReading reading = new LocalSensorsReader(List.of(real.toString(), "-j"), dir.resolve("a"), dir.resolve("b"),
                Duration.ofSeconds(10), Clock.systemUTC()).read("here");
        assertEquals("sensors", reading.snapshot().source());
    }
}
