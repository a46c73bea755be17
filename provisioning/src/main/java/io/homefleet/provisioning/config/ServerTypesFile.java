package io.homefleet.provisioning.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** server-types.yaml: {@code server_types: {<key>: {display_name, boot_disk, management_nic, gpu, hostname_prefix}}}. */
public record ServerTypesFile(@NotNull Map<String, @NotNull @Valid ServerType> serverTypes) {
    public ServerTypesFile {
        serverTypes = serverTypes == null ? Map.of() : Map.copyOf(serverTypes);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        serverTypes.keySet().stream().filter(k -> !k.matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")).sorted()
                .forEach(k -> problems.add("server_types." + k + ": a type key must be a lower-case DNS label"));
        return problems;
    }
}
