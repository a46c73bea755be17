package io.homefleet.hub.customerconfig;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.Set;

/**
 * A managed customer's config as the operator API shows it: secrets only as digests. {@code revision} is the
 * generated controller.yaml's revision (it also moves when the template changes); {@code config_revision} is the
 * revision of this document.
 */
@ContractRecord
public record CustomerConfigView(String customerId, long revision, long configRevision, long templateVersion,
        String changedBy, Instant changedAt, String source, CustomerConfigDocument config,
        Set<String> secretPaths, boolean retrievalPasswordSet, Instant retrievalPasswordSetAt) {
}
