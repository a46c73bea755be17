package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.OperatorAccounts;
import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.service.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

/** Operators and the audit trail, for admins only. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.ADMIN_ROLE)
public class AdminPages {
    static final int AUDIT_LIMIT = 500;

    @Inject
    OperatorAccounts operators;

    @Inject
    UiAudit audit;

    @Inject
    PageSupport page;

    @GET
    @Path("operators")
    public String list() {
        return render(null, null).render();
    }

    @POST
    @Path("operators")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@RestForm String name, @RestForm String password, @RestForm String role) {
        return change(() -> {
            operators.add(name, password, role);
            page.audit("operator.add", "operator:" + name.trim(), "role " + role);
            return "Operator '" + name.trim() + "' added; they choose their own password at first sign-in.";
        });
    }

    @POST
    @Path("operators/{name}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response role(@PathParam("name") String name, @RestForm String role) {
        return change(() -> {
            operators.setRole(name, role);
            page.audit("operator.role", "operator:" + name, "role " + role);
            return "'" + name + "' is now " + role + ".";
        });
    }

    @POST
    @Path("operators/{name}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@PathParam("name") String name, @RestForm String password) {
        return change(() -> {
            operators.setPassword(name, password, true);
            page.audit("operator.password.reset", "operator:" + name, null);
            return "Password of '" + name + "' reset; they choose their own at next sign-in.";
        });
    }

    @POST
    @Path("operators/{name}/remove")
    public Response remove(@PathParam("name") String name) {
        return change(() -> {
            operators.remove(name);
            page.audit("operator.remove", "operator:" + name, null);
            return "Operator '" + name + "' removed.";
        });
    }

    @GET
    @Path("audit")
    public String audit(@QueryParam("operator") String operator) {
        return DashboardTemplates.audit(page.chrome("Audit", "audit"),
                audit.recent(operator == null || operator.isBlank() ? null : operator.trim(), AUDIT_LIMIT)).render();
    }

    private interface Change {
        String run();
    }

    /** Runs a change; a refusal is shown on the page with the problem's status, and nothing changed. */
    private Response change(Change change) {
        try {
            String message = change.run();
            return Response.ok(render(message, null).render()).type(MediaType.TEXT_HTML).build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status()).type(MediaType.TEXT_HTML)
                    .entity(render(null, e.problem().detail()).render()).build();
        }
    }

    private TemplateInstance render(String message, String error) {
        return DashboardTemplates.operators(page.chrome("Operators", "operators"), operators.list(), message, error);
    }
}
