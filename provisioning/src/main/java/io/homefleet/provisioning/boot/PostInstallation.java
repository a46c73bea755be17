package io.homefleet.provisioning.boot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The installer's post-installation webhook body (WIRE-FORMATS B, schema 1.2, kebab-case keys). Only what
 * provisioning uses is bound; everything else is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostInstallation(
        @JsonProperty("$schema") JsonNode schema,
        @Size(max = 253) String fqdn,
        @JsonProperty("machine-id") @Size(max = 64) String machineId,
        @JsonProperty("network-interfaces") @Size(max = 256) List<@NotNull @Valid Nic> networkInterfaces,
        @JsonProperty("ssh-public-host-keys") @NotNull(message = "the host's SSH host keys are required to pin them")
        Map<String, @NotNull @Size(max = 16384) String> sshPublicHostKeys,
        @JsonProperty("product") JsonNode product,
        @Size(max = 512) String token) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Nic(@Size(max = 64) String name, @Size(max = 64) String mac, @Size(max = 64) String address,
            @JsonProperty("is-management") Boolean isManagement) {
    }

    /** "1.2" from {@code {"$schema": {"version": "1.2"}}}; null when absent. */
    public String schemaVersion() {
        return schema == null || schema.get("version") == null ? null : schema.get("version").asText();
    }
}
