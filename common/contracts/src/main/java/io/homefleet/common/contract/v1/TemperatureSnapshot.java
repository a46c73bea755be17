package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One node's temperatures, normalized from {@code sensors -j}, hwmon or thermal zones. Degrees Celsius.
 */
@ContractRecord
@Schema(description = "Normalized temperatures of one node")
public record TemperatureSnapshot(
        String node,
        Instant takenAt,
        @Schema(description = "sensors, hwmon or thermal") String source,
        Cpu cpu,
        List<Nvme> nvme,
        List<Gpu> gpu,
        List<Disk> disks,
        List<Fan> fans,
        List<Other> other) {

    @ContractRecord
    public record Cpu(
            @JsonProperty("package") @Schema(name = "package", description = "CPU package/die temperature")
            Double packageTemp,
            @Schema(description = "hottest CPU-related value") Double max,
            List<Indexed> packages,
            List<Indexed> cores) {
    }

    @ContractRecord
    public record Indexed(int index, double temp) {
    }

    @ContractRecord
    public record Nvme(String device, String chip, double temp) {
    }

    @ContractRecord
    public record Gpu(String device, String sensor, double temp) {
    }

    @ContractRecord
    public record Disk(String device, String serial, String model, Double temp, Boolean standby) {
    }

    @ContractRecord
    public record Fan(String chip, String name, double rpm) {
    }

    @ContractRecord
    public record Other(String chip, String feature, double temp) {
    }
}
