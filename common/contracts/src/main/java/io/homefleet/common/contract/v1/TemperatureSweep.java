package io.homefleet.common.contract.v1;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every node's temperatures at once: the sensor proxy's {@code get_temperatures} data and {@code GET /temps}.
 * A node that could not be read is listed in {@code errors} with the reason instead of a snapshot.
 */
@ContractRecord
@Schema(description = "Temperatures of this host and every allowed cluster node")
public record TemperatureSweep(List<TemperatureSnapshot> temperatures, List<NodeError> errors) {

    @ContractRecord
    public record NodeError(String node, String error) {
    }
}
