package io.homefleet.provisioning.discovery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The name and type a discovered machine is registered with. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisterDiscovered(
        @NotBlank @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
                message = "must be a lower-case DNS label (a-z, 0-9, '-', at most 63 characters)") String hostname,
        @NotBlank String serverType) {
}
