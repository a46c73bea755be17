package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One request line on the sensor proxy's Unix socket: {@code {"correlation_id":"..","method":"get_temperature",
 * "params":{"node":"pve1"}}}. The correlation id is optional and echoed back.
 */
@ContractRecord
@Schema(description = "Sensor proxy socket request (one JSON line per connection)")
public record SensorProxyRequest(
        @Schema(description = "echoed in the response; generated when absent") String correlationId,
        @Schema(description = "get_status, get_temperature, get_temperatures, register_nodes, ensure_cluster_keys, request_cleanup")
        String method,
        @Schema(description = "method parameters, e.g. {\"node\":\"pve1\"}") JsonNode params) {
}
