package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A structured event ({@code POST /api/v1/event}); the hub raises its own with source "hub". */
@ContractRecord
@Schema(description = "A structured event from a controller or the hub")
public record Event(
        @NotNull @Schema(description = "Client-generated id; a re-sent event with the same id is stored once")
        UUID eventId,
        @NotNull @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String customerId,
        @NotNull EventType eventType,
        @NotNull Severity severity,
        @NotNull @Size(min = 1, max = 4096) String message,
        @Schema(description = "Free-form JSON object with details") ObjectNode details,
        @Size(max = 64) String source,
        @Schema(description = "When it happened; defaults to when the hub received it") Instant occurredAt) {
}
