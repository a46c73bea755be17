package io.homefleet.provisioning.boot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What {@code proxmox-fetch-answer} POSTs to the answer URL (WIRE-FORMATS A): product, ISO, DMI and the network
 * interfaces, top-level keys in snake_case. Unknown fields are ignored: newer installers add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemInfo(
        @JsonProperty("$schema") JsonNode schema,
        Product product,
        Iso iso,
        JsonNode dmi,
        @JsonProperty("network_interfaces") @NotNull(message = "the installer sends its network interfaces")
        @Size(min = 1, max = 256, message = "must list 1 to 256 interfaces") List<@NotNull @Valid Nic> networkInterfaces) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Product(String fullname, String product, @JsonProperty("enable_btrfs") Boolean enableBtrfs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Iso(String release, String isorelease) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Nic(@Size(max = 64) String link, @NotNull @Size(max = 64) String mac) {
    }
}
