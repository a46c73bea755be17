package io.homefleet.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.hub.approval.Approval;
import io.homefleet.hub.approval.ApprovalService;
import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Disk-wipe approvals (admin): paste the agent's {@code pending_op} as the customer's page or the agent's 409 showed
 * it, give a reason, and the signed approval is shown once; the recent approvals are listed without their JWTs.
 */
@Path("/approvals")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.ADMIN_ROLE)
public class ApprovalPages {
    private static final int MAX_PENDING_OP = 4096;

    @Inject
    ApprovalService approvals;

    @Inject
    ObjectMapper mapper;

    @Inject
    PageSupport page;

    @GET
    public String approvals() {
        return render(null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String approve(@RestForm("pending_op") String pendingOp, @RestForm String reason) {
        ObjectNode body = mapper.createObjectNode();
        body.set("pending_op", parse(pendingOp));
        if (reason != null) {
            body.put("reason", reason.trim());
        }
        Approval approval = approvals.approve(body, page.account());
        page.audit("approval.sign", "host:" + approval.pendingOp().hostScope(), approval.pendingOp().op() + " of "
                + approval.pendingOp().durableId() + " (" + approval.jti() + "): " + approval.reason());
        return render(approval.approval(), "Approval signed, valid until " + Ages.utc(approval.expiresAt())
                + ". Give it to the agent now: it is shown only once.");
    }

    private JsonNode parse(String pendingOp) {
        if (pendingOp == null || pendingOp.isBlank() || pendingOp.length() > MAX_PENDING_OP) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "pending_op: paste the agent's pending_op JSON "
                    + "object (at most " + MAX_PENDING_OP + " characters)").with("field", "pending_op");
        }
        try {
            return mapper.readTree(pendingOp);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "pending_op: not JSON: "
                    + e.getOriginalMessage()).with("field", "pending_op");
        }
    }

    private String render(String issued, String message) {
        return DashboardTemplates.approvals(page.chrome("Approvals", "approvals"), approvals.recent(50), issued,
                message).render();
    }
}
