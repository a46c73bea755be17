package io.homefleet.provisioning.boot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** What the first-boot script reports: the address provisioning reaches the host at and its machine id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PhoneHome(
        @NotBlank @Pattern(regexp = "^[0-9A-Fa-f:.]{2,45}$", message = "must be an IPv4 or IPv6 address") String ip,
        @NotBlank @Pattern(regexp = "^[0-9a-f]{32}$", message = "must be 32 lower-case hex digits (/etc/machine-id)")
        String machineId) {
}
