package io.homefleet.hub.updates;

import io.homefleet.common.contract.v1.ContractRecord;
import java.time.Instant;
import java.util.List;

/** The controller versions the registry has, and per customer the running one, its target and whether it lags. */
@ContractRecord
public record UpdateStatus(String registry, String repository, Instant checkedAt, String newest, String error,
        List<String> versions, List<CustomerVersion> customers) {

    @ContractRecord
    public record CustomerVersion(String customerId, String running, String target, boolean updateAvailable) {
    }
}
