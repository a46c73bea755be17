package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.contract.v1.TemperatureSnapshot.Disk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared fixture parsed, with the numbers MANIFEST.tsv records for it. A new fixture without an
 * expectation here fails {@link #everyFixtureHasAnExpectation()}.
 */
class SensorsJsonParserFixturesTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final Map<String, Consumer<TemperatureSnapshot>> EXPECTED = new LinkedHashMap<>();

    static {
        expect("collector-rpi-fallback-output-42.000.json", s -> cpu(s, 42.0, 42.0, 0));
        expect("collector-stub-chip-42.json", s -> {
            assertNull(s.cpu());
            other(s, "chip", "temp", 42.0);
        });
        expect("collector-stub-chip-55-nonzero-exit.json", s -> {
            assertNull(s.cpu());
            other(s, "chip", "temp", 55.0);
        });
        expect("combined-coretemp-nvme-amdgpu.json", s -> {
            cpu(s, 50.0, 50.0, 1);
            nvme(s, "nvme0", "nvme-pci-0100", 40.0);
            assertEquals(1, s.gpu().size());
            assertEquals(new TemperatureSnapshot.Gpu("amdgpu-pci-0300", "edge", 60.0), s.gpu().get(0));
        });
        expect("coretemp-cores-only-no-package.json", s -> {
            cpu(s, 48.0, 48.0, 4);
            assertTrue(s.cpu().packages().isEmpty());
        });
        expect("monitoring-core-hotter-than-package.json", s -> cpu(s, 45.0, 52.0, 2));
        expect("monitoring-coretemp-pkg-2cores-nvme.json", s -> {
            cpu(s, 45.5, 45.5, 2);
            assertEquals(44.2, s.cpu().cores().get(1).temp());
            nvme(s, "nvme0", "nvme-pci-0400", 38.75);
        });
        expect("monitoring-coretemp-pkg-45-proxy-success.json", s -> cpu(s, 45.0, 45.0, 0));
        expect("monitoring-coretemp-pkg-55-concurrent.json", s -> cpu(s, 55.0, 55.0, 0));
        expect("monitoring-coretemp-plus-cpu-thermal.json", s -> {
            cpu(s, 65.0, 65.0, 2);
            other(s, "cpu_thermal-virtual-0", "temp1", 50.0);
        });
        expect("monitoring-coretemp-zero-readings.json", s -> {
            cpu(s, 0.0, 0.0, 1);
            assertEquals(0.0, s.cpu().cores().get(0).temp());
        });
        expect("monitoring-head-amdgpu-plus-k10temp.json", s -> {
            cpu(s, 60.5, 60.5, 0);
            assertEquals(List.of("edge=50.0", "junction=65.0", "mem=55.0"),
                    s.gpu().stream().map(g -> g.sensor() + "=" + g.temp()).toList());
            other(s, "k10temp-pci-00c3", "Tccd1", 58.0);
        });
        expect("monitoring-head-legacy-format-flag.json", s -> cpu(s, 47.0, 47.0, 0));
        expect("monitoring-head-ssh-coretemp-nvme.json", s -> {
            cpu(s, 45.5, 45.5, 2);
            nvme(s, "nvme0", "nvme-pci-0100", 38.5);
        });
        expect("monitoring-head-string-temps.json", s -> {
            cpu(s, 47.0, 47.0, 1);
            assertEquals(45.0, s.cpu().cores().get(0).temp());
            nvme(s, "nvme0", "nvme-pci-0100", 42.0);
        });
        expect("monitoring-head-wrapper-smart-sata.json", s -> {
            cpu(s, 46.0, 46.0, 0);
            assertEquals(List.of(new Disk("/dev/sda", "SATA-SERIAL-1", "Samsung SSD 860 EVO", 34.0, false)), s.disks());
        });
        expect("monitoring-k10temp-tccd-only.json", s -> cpu(s, 62.5, 62.5, 0));
        expect("monitoring-k10temp-tctl-and-tccd.json", s -> cpu(s, 65.0, 65.0, 0));
        expect("monitoring-k10temp-tctl-only.json", s -> cpu(s, 55.4, 55.4, 0));
        expect("monitoring-nct6687-cputin-systin.json", s -> {
            cpu(s, 48.5, 48.5, 0);
            other(s, "nct6687-isa-0a20", "SYSTIN", 35.0);
        });
        expect("monitoring-nct6775-cpu-temperature-label.json", s -> {
            cpu(s, 52.0, 52.0, 0);
            other(s, "nct6775-isa-0290", "AUXTIN0", 40.0);
        });
        expect("monitoring-nvme-only-two-drives.json", s -> {
            assertNull(s.cpu());
            assertEquals(2, s.nvme().size());
            nvme(s, "nvme0", "nvme-pci-0400", 42.5);
            assertEquals(new TemperatureSnapshot.Nvme("nvme1", "nvme-pci-0500", 38.0), s.nvme().get(1));
        });
        expect("monitoring-rpitemp-virtual-wrapper-fallback.json", s -> cpu(s, 47.5, 47.5, 0));
        expect("monitoring-table-acpitz-temp1.json", s -> cpu(s, 42.0, 42.0, 0));
        expect("monitoring-table-amdgpu.json", s -> {
            assertNull(s.cpu());
            assertEquals(3, s.gpu().size());
            assertEquals(72.0, s.gpu().get(1).temp());
        });
        expect("monitoring-table-chip-is-array.json", s -> cpu(s, 60.0, 60.0, 0));
        expect("monitoring-table-chip-not-a-map.json", s -> cpu(s, 50.0, 50.0, 0));
        expect("monitoring-table-cores-only.json", s -> cpu(s, 52.0, 52.0, 3));
        expect("monitoring-table-it87-temp1.json", s -> cpu(s, 38.0, 38.0, 0));
        expect("monitoring-table-k10temp-tctl-58.5.json", s -> cpu(s, 58.5, 58.5, 0));
        expect("monitoring-table-legacy-coretemp.json", s -> cpu(s, 48.0, 48.0, 1));
        expect("monitoring-table-nct6795-cputin.json", s -> cpu(s, 45.0, 45.0, 0));
        expect("monitoring-table-nouveau-gpu-core.json", s -> {
            assertNull(s.cpu());
            assertEquals(List.of(new TemperatureSnapshot.Gpu("nouveau-pci-0100", "GPU core", 55.0)), s.gpu());
        });
        expect("monitoring-table-nvme-41.85.json", s -> {
            assertNull(s.cpu());
            nvme(s, "nvme0", "nvme-pci-0100", 41.85);
        });
        expect("monitoring-table-rp1-adc-temp1.json", s -> cpu(s, 49.5, 49.5, 0));
        expect("monitoring-table-wrapper-sensors-smart.json", s -> {
            cpu(s, 55.0, 55.0, 1);
            assertEquals(List.of(new Disk("/dev/sda", "ABC123", "TestDisk", 35.0, false)), s.disks());
        });
        expect("monitoring-table-zenpower-tdie.json", s -> cpu(s, 62.5, 62.5, 0));
        expect("monitoring-wrapper-sensors-plus-smart-null-temp.json", s -> {
            cpu(s, 55.0, 55.0, 0);
            assertEquals(List.of(new Disk("/dev/sda", "S1", "Model1", 34.0, false),
                    new Disk("/dev/zd0", null, null, null, true)), s.disks());
        });
        expect("proxy-cpu-thermal-42.5.json", s -> cpu(s, 42.5, 42.5, 0));
        expect("proxy-http-coretemp-pkg-50.json", s -> cpu(s, 50.0, 50.0, 0));
        expect("proxy-rpc-stub-cpu-chip.json", s -> cpu(s, 45.0, 45.0, 0));
        expect("proxy-ssh-coretemp-pkg-42.json", s -> cpu(s, 42.0, 42.0, 0));
        expect("rpi-cpu-thermal-millidegree-int-42000.json", s -> cpu(s, 42.0, 42.0, 0));
        expect("string-values-plus-degC-and-millidegree.json", s -> {
            cpu(s, 50.0, 50.0, 1);
            assertEquals(48.0, s.cpu().cores().get(0).temp());
            nvme(s, "nvme0", "nvme-pci-0100", 39.0);
        });
    }

    private static void expect(String file, Consumer<TemperatureSnapshot> check) {
        EXPECTED.put(file, check);
    }

    private static void cpu(TemperatureSnapshot s, double pkg, double max, int cores) {
        assertNotNull(s.cpu(), "a CPU reading");
        assertEquals(pkg, s.cpu().packageTemp(), "package");
        assertEquals(max, s.cpu().max(), "max");
        assertEquals(cores, s.cpu().cores().size(), "cores");
    }

    private static void nvme(TemperatureSnapshot s, String device, String chip, double temp) {
        assertTrue(s.nvme().contains(new TemperatureSnapshot.Nvme(device, chip, temp)), () -> "nvme " + device + " in " + s.nvme());
    }

    private static void other(TemperatureSnapshot s, String chip, String feature, double temp) {
        assertTrue(s.other().contains(new TemperatureSnapshot.Other(chip, feature, temp)),
                () -> chip + "/" + feature + " in " + s.other());
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureYieldsItsNumbers() {
        SensorsJsonParser parser = new SensorsJsonParser();
        return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SensorsReading reading = parser.parse(Fixtures.read(e.getKey()), "pve1", AT, "sensors");
            assertEquals("pve1", reading.snapshot().node());
            assertEquals(AT, reading.snapshot().takenAt());
            e.getValue().accept(reading.snapshot());
        }));
    }

    @Test
    void everyFixtureHasAnExpectation() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Fixtures.SENSORS)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> manifest = Files.readAllLines(Fixtures.SENSORS.resolve("MANIFEST.tsv")).stream().skip(1)
                .filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(manifest, onDisk, "MANIFEST.tsv and the directory list the same fixtures");
        List<String> missing = new ArrayList<>(onDisk);
        missing.removeAll(EXPECTED.keySet());
        assertEquals(List.of(), missing, "fixtures without an expectation");
    }

    @Test
    void malformedChipsAreSkippedWithAWarning() throws Exception {
        SensorsReading array = new SensorsJsonParser().parse(Fixtures.read("monitoring-table-chip-is-array.json"), "n", AT, "sensors");
        assertEquals(List.of("chip 'array-chip' is an array, not an object: skipped"), array.warnings());
        SensorsReading text = new SensorsJsonParser().parse(Fixtures.read("monitoring-table-chip-not-a-map.json"), "n", AT, "sensors");
        assertEquals(List.of("chip 'invalid-chip' is a string, not an object: skipped"), text.warnings());
    }
}
