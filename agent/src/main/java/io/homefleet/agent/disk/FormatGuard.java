package io.homefleet.agent.disk;

import io.homefleet.agent.approval.ApprovalVerifier;
import io.homefleet.agent.approval.UsedApprovals;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.common.process.ProcessRunner;
import io.homefleet.common.contract.v1.BlockDevice;
import io.homefleet.common.contract.v1.DiskFormatRequest;
import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.PendingOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data-bearing guard in front of mkfs. A device that holds nothing is formatted; one that holds data is
 * formatted only with a valid, unspent operator approval naming exactly this operation; a device in live use
 * (mounted, swap, held, the boot disk) is never formatted. Every refusal and every format is audit-logged.
 */
public class FormatGuard {
    public static final String DATA_BEARING_ERROR = "device is data-bearing — format requires an operator signature";
    private final DiskInspector inspector;
    private final DiskFormatter formatter;
    private final ApprovalVerifier approvals;
    private final UsedApprovals spent;
    private final AuditLog audit;
    private final String hostScope;

    public FormatGuard(DiskInspector inspector, DiskFormatter formatter, ApprovalVerifier approvals,
                       UsedApprovals spent, AuditLog audit, String hostScope) {
        this.inspector = inspector;
        this.formatter = formatter;
        this.approvals = approvals;
        this.spent = spent;
        this.audit = audit;
        this.hostScope = hostScope;
    }

    /** The outcome and the HTTP status it deserves. */
    public record Outcome(int status, DiskFormatResult result) {
    }

    /**
     * Serialized: formats are rare, and two at once on one device would both see it blank; one after the other, the
     * second finds the first's filesystem and is refused.
     */
    public synchronized Outcome format(DiskFormatRequest request, String caller) {
        Optional<DiskInspector.InspectedDevice> found = inspector.inspect(request.device());
        if (found.isEmpty()) {
            audit("format_refused", request, caller, null, "device is not in the agent's device list", null);
            return new Outcome(404, new DiskFormatResult(false, false, request.device(), null, request.fstype(),
                    "device is not in the agent's device list", null,
                    "unknown device: use a path from GET /disks", null));
        }
        BlockDevice device = found.get().device();
        PendingOperation op = new PendingOperation(PendingOperation.STORAGE_WIPE, hostScope, device.durableId(),
                request.fstype());
        Decision decision = decide(found.get().uses());
        if (decision == Decision.HOLDS_NOTHING) {
            if (request.approval() != null) {
                // An approval is not needed here; it stays unspent so it cannot be mistaken for consumed.
                audit("format_approval_unused", request, caller, device, "device holds no data", null);
            }
            return run(request, caller, device, null);
        }
        boolean liveUse = decision == Decision.LIVE;
        if (request.approval() == null || request.approval().isBlank()) {
            audit("format_refused", request, caller, device, device.reason(), null);
            return new Outcome(403, refusal(request, device, op, DATA_BEARING_ERROR, device.reason(), !liveUse));
        }
        ApprovalVerifier.Verdict verdict = approvals.verify(request.approval(), op);
        if (!verdict.approved()) {
            audit("format_refused", request, caller, device, verdict.reason(), null);
            return new Outcome(403, refusal(request, device, op, verdict.reason(), device.reason(), !liveUse));
        }
        if (!spent.spend(verdict.jti())) {
            audit("format_refused", request, caller, device, "approval was already used", verdict.jti());
            return new Outcome(403, refusal(request, device, op, "approval was already used", device.reason(), !liveUse));
        }
        // Look again right before mkfs: the device may have been mounted since the approval was signed.
        DiskInspector.InspectedDevice again = inspector.inspect(request.device()).orElse(found.get());
        BlockDevice now = again.device();
        boolean liveNow = decide(again.uses()) == Decision.LIVE;
        if (liveNow || !device.durableId().equals(now.durableId())) {
            String reason = liveNow ? now.reason() + " — an approval does not cover a device in live use"
                    : "device identity changed since inspection";
            audit("format_refused", request, caller, now, reason, verdict.jti());
            return new Outcome(409, refusal(request, now, op, reason, now.reason(), false));
        }
        return run(request, caller, now, verdict.jti());
    }

    /** What the guard may do with a device, decided on the kinds of its uses alone, never on their wording. */
    enum Decision {
        /** Nothing found: formatted on request. */
        HOLDS_NOTHING,
        /** Holds data: formatted only with a valid, unspent operator approval for exactly this operation. */
        NEEDS_APPROVAL,
        /** Mounted, swap, held or boot (itself or a partition): never formatted, approval or not. */
        LIVE
    }

    static Decision decide(List<DiskUse> uses) {
        if (uses.isEmpty()) {
            return Decision.HOLDS_NOTHING;
        }
        return uses.stream().anyMatch(DiskUse::isLive) ? Decision.LIVE : Decision.NEEDS_APPROVAL;
    }

    private Outcome run(DiskFormatRequest request, String caller, BlockDevice device, String jti) {
        ProcessRunner.Result result;
        try {
            result = formatter.format(device.path(), request.fstype());
        } catch (RuntimeException e) {
            audit("format_failed", request, caller, device, e.getMessage(), jti);
            return new Outcome(500, new DiskFormatResult(false, device.dataBearing(), device.path(), device.durableId(),
                    request.fstype(), e.getMessage(), null, "mkfs could not run", null));
        }
        if (!result.ok()) {
            String why = "mkfs." + request.fstype() + " exited " + result.exitCode() + ": " + result.stderr().strip();
            audit("format_failed", request, caller, device, why, jti);
            return new Outcome(500, new DiskFormatResult(false, device.dataBearing(), device.path(), device.durableId(),
                    request.fstype(), why, null, "mkfs failed", null));
        }
        String what = "created " + request.fstype() + " on " + device.path()
                + (jti == null ? "" : " with operator approval " + jti);
        audit("formatted", request, caller, device, what, jti);
        return new Outcome(200, new DiskFormatResult(true, device.dataBearing(), device.path(), device.durableId(),
                request.fstype(), what, null, null, null));
    }

    private static DiskFormatResult refusal(DiskFormatRequest request, BlockDevice device, PendingOperation op,
                                            String error, String reason, boolean approvable) {
        return new DiskFormatResult(false, true, device.path(), device.durableId(), request.fstype(), reason, op,
                error, approvable);
    }

    private void audit(String event, DiskFormatRequest request, String caller, BlockDevice device, String reason,
                       String jti) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caller", caller);
        details.put("vmid", request.vmid());
        details.put("device", request.device());
        details.put("durable_id", device == null ? null : device.durableId());
        details.put("fstype", request.fstype());
        details.put("data_bearing", device == null ? null : device.dataBearing());
        details.put("reason", reason);
        details.put("approval_jti", jti);
        audit.record(event, details, Durability.FORCED); // every guard decision, allowed or refused
    }
}
