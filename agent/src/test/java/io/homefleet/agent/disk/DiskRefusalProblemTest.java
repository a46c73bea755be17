package io.homefleet.agent.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.PendingOperation;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import io.homefleet.service.problem.ProblemType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A format refusal is a problem whose type says what the caller can do, with every documented field kept. */
class DiskRefusalProblemTest {
    private static final PendingOperation OP = new PendingOperation(PendingOperation.STORAGE_WIPE, "pve-01",
            "byid:wwn-1", "ext4");

    private static DiskFormatResult refused(boolean approvable, String error) {
        return new DiskFormatResult(false, true, "/dev/sdc", "byid:wwn-1", "ext4", "a filesystem (ext4) was found",
                OP, error, approvable);
    }

    @Test
    void aDataBearingDeviceNeedsAnApproval() throws Exception {
        Problem problem = DiskResource.refusal(403, refused(true, FormatGuard.DATA_BEARING_ERROR));
        assertEquals(ProblemType.APPROVAL_REQUIRED.uri(), problem.type());
        assertEquals(403, problem.status());
        assertEquals(FormatGuard.DATA_BEARING_ERROR, problem.detail());
        Map<?, ?> json = Json.mapper().readValue(Json.mapper().writeValueAsString(problem), Map.class);
        assertEquals(false, json.get("formatted"));
        assertEquals(true, json.get("data_bearing"));
        assertEquals("/dev/sdc", json.get("device"));
        assertEquals("byid:wwn-1", json.get("durable_id"));
        assertEquals("ext4", json.get("fstype"));
        assertEquals("a filesystem (ext4) was found", json.get("reason"));
        assertEquals(FormatGuard.DATA_BEARING_ERROR, json.get("error"));
        assertEquals(true, json.get("approvable"));
        assertEquals(Map.of("op", "storage_wipe", "host_scope", "pve-01", "durable_id", "byid:wwn-1", "fstype", "ext4"),
                json.get("pending_op"));
    }

    @Test
    void eachRefusalHasItsType() {
        assertEquals(ProblemType.DEVICE_IN_USE.uri(), DiskResource.refusal(403, refused(false, "mounted")).type());
        assertEquals(ProblemType.CONFLICT.uri(), DiskResource.refusal(409, refused(false, "in use now")).type());
        assertEquals(ProblemType.NOT_FOUND.uri(), DiskResource.refusal(404, refused(false, "unknown device")).type());
        assertEquals(ProblemType.OPERATION_FAILED.uri(), DiskResource.refusal(500, refused(false, "mkfs failed")).type());
        assertEquals(409, DiskResource.refusal(409, refused(false, "x")).status());
    }
}
