package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.Map;

/** A pin as the operator sees it: password settings shown only as set. */
@ContractRecord
public record PinnedAppView(String customerId, String appId, String version, Map<String, Object> settings,
        Instant pinnedAt, String pinnedBy) {
}
