package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Indexed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalization rules on shapes real hosts print that the shared fixtures do not cover. */
class SensorsJsonParserRulesTest {
    private final SensorsJsonParser parser = new SensorsJsonParser();

    private TemperatureSnapshot parse(String json) throws SensorsFormatException {
        return parser.parse(json, "pve1", Instant.EPOCH, "sensors").snapshot();
    }

    @Test
    void dualSocketTakesTheHottestPackageAndKeepsBoth() throws Exception {
        TemperatureSnapshot s = parse("""
                {"coretemp-isa-0000":{"Adapter":"ISA adapter","Package id 0":{"temp1_input":51.0,"temp1_max":84.0,"temp1_crit":100.0,"temp1_crit_alarm":0.0},
                  "Core 0":{"temp2_input":49.0,"temp2_max":84.0}},
                 "coretemp-isa-0001":{"Package id 1":{"temp1_input":57.0},"Core 0":{"temp2_input":56.0}}}""");
        assertEquals(57.0, s.cpu().packageTemp());
        assertEquals(List.of(new Indexed(0, 51.0), new Indexed(1, 57.0)), s.cpu().packages());
        assertEquals(57.0, s.cpu().max());
        assertEquals(2, s.cpu().cores().size());
    }

    @Test
    void limitsAndAbsoluteZeroPlaceholdersAreNeverReadings() throws Exception {
        TemperatureSnapshot s = parse("""
                {"nct6798-isa-0290":{"SYSTIN":{"temp1_max":80.0,"temp1_crit":100.0},
                  "AUXTIN3":{"temp6_input":-273.15},"PECI Agent 0":{"temp7_input":-273000},
                  "CPUTIN":{"temp2_input":"+41.5°C","temp2_max":"+80.0°C"}}}""");
        assertEquals(41.5, s.cpu().packageTemp());
        assertEquals(List.of(), s.other(), "limits and -273.15 are not readings");
    }

    @Test
    void tdieBeatsTctlBecauseTctlCarriesAnOffset() throws Exception {
        TemperatureSnapshot s = parse("""
                {"k10temp-pci-00c3":{"Tctl":{"temp1_input":75.0},"Tdie":{"temp2_input":55.0}}}""");
        assertEquals(55.0, s.cpu().packageTemp());
        assertTrue(s.other().contains(new TemperatureSnapshot.Other("k10temp-pci-00c3", "Tctl", 75.0)));
    }

    @Test
    void nvmeUsesSensor1WithoutCompositeAndSortsDevicesByChip() throws Exception {
        TemperatureSnapshot s = parse("""
                {"nvme-pci-0b00":{"Composite":{"temp1_input":40.0},"Sensor 1":{"temp2_input":39.0},"Sensor 2":{"temp3_input":44.0}},
                 "nvme-pci-0200":{"Sensor 1":{"temp2_input":33.0}}}""");
        assertEquals(List.of(new TemperatureSnapshot.Nvme("nvme0", "nvme-pci-0200", 33.0),
                new TemperatureSnapshot.Nvme("nvme1", "nvme-pci-0b00", 40.0)), s.nvme());
        assertTrue(s.other().contains(new TemperatureSnapshot.Other("nvme-pci-0b00", "Sensor 2", 44.0)));
    }

    @Test
    void amdgpuNonTemperatureInputsAndEmptyFeaturesAreIgnoredFansKept() throws Exception {
        TemperatureSnapshot s = parse("""
                {"amdgpu-pci-0300":{"vddgfx":{"in0_input":0.75},"edge":{"temp1_input":48.0},"PPT":{"power1_average":12.0},
                   "fan1":{"fan1_input":1200.0,"fan1_min":0.0}},
                 "iwlwifi_1-virtual-0":{"temp1":{}}}""");
        assertEquals(List.of(new TemperatureSnapshot.Gpu("amdgpu-pci-0300", "edge", 48.0)), s.gpu());
        assertEquals(List.of(new TemperatureSnapshot.Fan("amdgpu-pci-0300", "fan1", 1200.0)), s.fans());
        assertEquals(List.of(), s.other());
        assertNull(s.cpu());
    }

    @Test
    void emptyObjectMeansNoSensors() throws Exception {
        SensorsReading reading = parser.parse("{}\n\n", "pve1", Instant.EPOCH, "sensors");
        assertTrue(reading.empty());
        assertNull(reading.snapshot().cpu());
    }

    @Test
    void unreadableStringValueIsSkippedWithAWarning() throws Exception {
        SensorsReading reading = parser.parse("""
                {"coretemp-isa-0000":{"Package id 0":{"temp1_input":"N/A"},"Core 0":{"temp2_input":"44000"}}}""",
                "pve1", Instant.EPOCH, "sensors");
        assertEquals(44.0, reading.snapshot().cpu().packageTemp());
        assertEquals(1, reading.warnings().size());
        assertTrue(reading.warnings().get(0).contains("Package id 0"));
    }

    @Test
    void badInputGetsAClearError() {
        assertTrue(assertThrows(SensorsFormatException.class, () -> parse("")).getMessage().startsWith("empty input"));
        assertTrue(assertThrows(SensorsFormatException.class, () -> parse("[1,2]")).getMessage().contains("got array"));
        assertTrue(assertThrows(SensorsFormatException.class, () -> parse("{\"a\": ")).getMessage().startsWith("not valid JSON at line 1"));
        assertTrue(assertThrows(SensorsFormatException.class, () -> parse("ERROR: Can't get value")).getMessage().startsWith("not valid JSON"));
    }

    @Test
    void valuesInEveryNotation() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        assertEquals(47.0, TemperatureValues.celsius(f.textNode("+47.0°C")).getAsDouble());
        assertEquals(42.0, TemperatureValues.celsius(f.numberNode(42000)).getAsDouble());
        assertEquals(-5.5, TemperatureValues.celsius(f.textNode("-5.5 C")).getAsDouble());
        assertEquals(41.85, TemperatureValues.celsius(f.numberNode(41.85)).getAsDouble());
        assertTrue(TemperatureValues.celsius(f.textNode("hot")).isEmpty());
        assertTrue(TemperatureValues.celsius(f.numberNode(255.0)).isEmpty(), "unconnected input");
        assertTrue(TemperatureValues.celsius(f.booleanNode(true)).isEmpty());
    }
}
