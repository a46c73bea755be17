package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The hub's answer to a registration. The tokens are shown this once (the hub keeps only their SHA-256);
 * registering again issues new ones and the previous ones stop working.
 */
@ContractRecord
@Schema(description = "A registered sensor proxy: its tokens (shown once) and its first authorized-node list")
public record TemperatureProxyRegistered(
        @NotBlank @Schema(description = "hfp_...: sent as X-Proxy-Token (or Bearer) to authorized-nodes")
        String ctrlToken,
        @Schema(description = "kind http only: the bearer token the proxy's HTTPS listener requires")
        String httpToken,
        @NotNull UUID instanceId,
        @NotBlank String hostId,
        @Schema(description = "the host's cluster; absent for a host in no cluster (its list is itself)")
        String cluster,
        @NotNull List<@NotNull @Valid AuthorizedNode> allowedNodes,
        @Schema(description = "seconds between pulls of authorized-nodes") int refreshInterval) {
}
