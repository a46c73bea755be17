package io.homefleet.provisioning.host;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Registers a host ({@code POST /api/hosts}): its name, the MAC it PXE-boots with, and its server type. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A host to register: hostname (also its id), boot MAC, server type key from server-types.yaml")
public record HostRequest(
        @NotBlank @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
                message = "must be a lower-case DNS label (a-z, 0-9, '-', at most 63 characters)") String hostname,
        @NotBlank @Pattern(regexp = "^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}$",
                message = "must be a MAC address such as 52:54:00:12:34:56") String mac,
        @NotBlank String serverType) {
}
