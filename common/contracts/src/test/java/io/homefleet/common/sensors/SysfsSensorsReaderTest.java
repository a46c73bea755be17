package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsSensorsReaderTest {
    @TempDir
    Path root;

    @Test
    void hwmonNvmeIsNamedByItsDeviceAndNormalizedLikeSensorsOutput() throws Exception {
        Path devices = Files.createDirectories(root.resolve("devices/nvme1"));
        Path hwmon = Files.createDirectories(root.resolve("class/hwmon/hwmon3"));
        Files.writeString(hwmon.resolve("name"), "nvme\n");
        Files.createSymbolicLink(hwmon.resolve("device"), devices);
        Files.writeString(hwmon.resolve("temp1_input"), "36850\n");
        Files.writeString(hwmon.resolve("temp1_label"), "Composite\n");
        Files.writeString(hwmon.resolve("temp1_crit"), "84850\n");
        Path fanChip = Files.createDirectories(root.resolve("class/hwmon/hwmon1"));
        Files.writeString(fanChip.resolve("name"), "nct6775\n");
        Files.writeString(fanChip.resolve("fan2_input"), "900\n");

        ObjectNode chips = SysfsSensorsReader.hwmon(root.resolve("class/hwmon"));
        assertEquals(36850, chips.path("nvme-nvme1").path("Composite").path("temp1_input").asInt());
        var snapshot = new SensorsJsonParser().parse(chips, "n", Instant.EPOCH, "hwmon").snapshot();
        assertEquals(36.85, snapshot.nvme().get(0).temp(), 1e-9);
        assertEquals(900.0, snapshot.fans().get(0).rpm());
    }
}
