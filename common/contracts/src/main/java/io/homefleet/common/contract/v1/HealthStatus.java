package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A controller's own verdict on its health. */
public enum HealthStatus {
    @JsonProperty("ok") OK,
    @JsonProperty("warn") WARN,
    @JsonProperty("fail") FAIL
}
