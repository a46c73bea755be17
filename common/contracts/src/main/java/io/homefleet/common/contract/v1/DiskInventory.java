package io.homefleet.common.contract.v1;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of the agent's {@code GET /disks}. */
@ContractRecord
@Schema(description = "Every block device of one host")
public record DiskInventory(String hostScope, Instant inspectedAt, List<BlockDevice> disks) {
}
