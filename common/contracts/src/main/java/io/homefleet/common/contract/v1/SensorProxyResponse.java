package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one response line to a {@link SensorProxyRequest}. On success {@code data} holds the result (a
 * {@link TemperatureSnapshot} for {@code get_temperature}); on failure {@code error} says what went wrong and
 * {@code error_code} says what kind of failure it is, so callers can react without parsing text.
 */
@ContractRecord
@Schema(description = "Sensor proxy socket response (one JSON line)")
public record SensorProxyResponse(
        String correlationId,
        boolean success,
        JsonNode data,
        String error,
        @Schema(description = "bad_request, too_large, timeout, unauthorized, forbidden, rate_limited, busy, unknown_method, node_not_allowed, unavailable, internal")
        String errorCode,
        @Schema(description = "when rate limited or busy: milliseconds to wait before retrying") Long retryAfterMs) {

    public static SensorProxyResponse ok(String correlationId, JsonNode data) {
        return new SensorProxyResponse(correlationId, true, data, null, null, null);
    }

    public static SensorProxyResponse failure(String correlationId, String errorCode, String error) {
        return new SensorProxyResponse(correlationId, false, null, error, errorCode, null);
    }

    public SensorProxyResponse retryAfter(long millis) {
        return new SensorProxyResponse(correlationId, success, data, error, errorCode, millis);
    }
}
