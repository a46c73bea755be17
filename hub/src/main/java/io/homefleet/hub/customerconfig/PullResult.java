package io.homefleet.hub.customerconfig;

import io.homefleet.common.contract.v1.ContractRecord;
import java.util.List;

/** What "pull config" took from the controller's live values into the config, and what it left and why. */
@ContractRecord
public record PullResult(boolean changed, CustomerConfigView config, List<String> taken, List<NotTaken> notTaken) {

    @ContractRecord
    public record NotTaken(String key, String reason) {
    }
}
