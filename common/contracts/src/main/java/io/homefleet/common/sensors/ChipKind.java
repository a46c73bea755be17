package io.homefleet.common.sensors;

import java.util.Locale;
import java.util.Set;

/** What a chip is, judged from the driver prefix of its lm-sensors name ({@code coretemp-isa-0000} → coretemp). */
enum ChipKind {
    INTEL_CORETEMP,
    AMD_CPU,
    SUPER_IO,
    SOC_CPU,
    ACPI_ZONE,
    NVME,
    GPU,
    OTHER;

    private static final Set<String> AMD = Set.of("k10temp", "zenpower", "k8temp", "fam15h_power");
    private static final Set<String> SOC = Set.of("cpu", "cpu_thermal", "cpu-thermal", "soc_thermal", "rpitemp",
            "rp1_adc", "x86_pkg_temp", "cpu0_thermal", "bcm2835_thermal");
    private static final Set<String> GPUS = Set.of("amdgpu", "radeon", "nouveau");

    static ChipKind of(String chipName) {
        String driver = driver(chipName);
        if (driver.equals("coretemp")) {
            return INTEL_CORETEMP;
        }
        if (AMD.contains(driver)) {
            return AMD_CPU;
        }
        if (driver.startsWith("nct") || driver.startsWith("it87") || driver.startsWith("it86")
                || driver.startsWith("w83") || driver.startsWith("f71") || driver.startsWith("asus")) {
            return SUPER_IO;
        }
        if (SOC.contains(driver) || driver.endsWith("cpu_thermal") || driver.endsWith("cpu-thermal")) {
            return SOC_CPU;
        }
        if (driver.equals("acpitz")) {
            return ACPI_ZONE;
        }
        if (driver.equals("nvme")) {
            return NVME;
        }
        if (GPUS.contains(driver)) {
            return GPU;
        }
        return OTHER;
    }

    /** The driver part of a chip name: everything before the first '-' (bus and address follow it). */
    static String driver(String chipName) {
        int dash = chipName.indexOf('-');
        String driver = dash > 0 ? chipName.substring(0, dash) : chipName;
        return driver.toLowerCase(Locale.ROOT);
    }
}
