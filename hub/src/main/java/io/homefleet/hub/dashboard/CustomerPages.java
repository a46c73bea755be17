package io.homefleet.hub.dashboard;

import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.customer.CustomerService;
import io.homefleet.hub.customerconfig.CustomerConfigService;
import io.homefleet.hub.customerconfig.PullResult;
import io.homefleet.hub.updates.TriggerRequest;
import io.homefleet.hub.updates.UpdateService;
import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
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
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A customer's page and its actions: block / unblock, create or pull its config, update its controller (operator),
 * keys and deletion (admin). Each change goes
 * through the same services as the API and is written to the UI audit trail before the page answers.
 */
@Path("/customers/{id}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class CustomerPages {
    @Inject
    CustomerPageBuilder builder;

    @Inject
    CustomerService customers;

    @Inject
    CredentialService credentials;

    @Inject
    SyncSectionBuilder sync;

    @Inject
    CustomerConfigService configs;

    @Inject
    UpdateService updates;

    @Inject
    PageSupport page;

    @GET
    public String customer(@PathParam("id") String id, @QueryParam("period") String period,
                           @QueryParam("severity") String severity) {
        return render(id, period, severity, null, null);
    }

    @POST
    @Path("block")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public Response block(@PathParam("id") String id) {
        customers.setBlocked(id, true);
        page.audit("customer.block", "customer:" + id, null);
        return back(id);
    }

    @POST
    @Path("unblock")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public Response unblock(@PathParam("id") String id) {
        customers.setBlocked(id, false);
        page.audit("customer.unblock", "customer:" + id, null);
        return back(id);
    }

    @POST
    @Path("config/from-report")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public String createConfig(@PathParam("id") String id) {
        var view = configs.createFromReport(id, page.account());
        page.audit("customer.config.create", "customer:" + id, "revision " + view.revision());
        return render(id, null, null, null, "The customer is managed now: its config (revision " + view.revision()
                + ") was made from its last report.");
    }

    @POST
    @Path("config/pull")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public String pullConfig(@PathParam("id") String id) {
        PullResult pulled = configs.pull(id, page.account());
        page.audit("customer.config.pull", "customer:" + id, pulled.changed()
                ? "revision " + pulled.config().revision() + ", took " + pulled.taken() : "nothing to take");
        String notTaken = pulled.notTaken().isEmpty() ? "" : " Not taken: " + String.join("; ", pulled.notTaken()
                .stream().map(n -> n.key() + " (" + n.reason() + ")").toList()) + ".";
        return render(id, null, null, null, (pulled.changed() ? "Took the controller's live values "
                + pulled.taken() + " into revision " + pulled.config().revision() + "."
                : "The config already holds the controller's live values.") + notTaken);
    }

    @POST
    @Path("update")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public String triggerUpdate(@PathParam("id") String id) {
        customers.require(id);
        String version = updates.lastCheck().newest();
        updates.trigger(new TriggerRequest(id, null, version), page.account());
        page.audit("customer.update", "customer:" + id, "target " + version);
        return render(id, null, null, null, "The controller's target version is " + version
                + " now; it updates at its next desired-state pull.");
    }

    @POST
    @Path("delete")
    @RolesAllowed(OperatorRole.ADMIN_ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm String confirm) {
        if (!id.equals(confirm)) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "type the customer's id to confirm its deletion")
                    .with("field", "confirm");
        }
        customers.delete(id);
        page.audit("customer.delete", "customer:" + id, null);
        return Response.seeOther(URI.create("/customers")).build();
    }

    @POST
    @Path("keys")
    @RolesAllowed(OperatorRole.ADMIN_ROLE)
    public String issueKey(@PathParam("id") String id) {
        customers.require(id);
        IssuedKey key = credentials.issue(TokenKind.CUSTOMER, id, null);
        page.audit("customer.key.issue", "customer:" + id, "key " + key.keyId());
        return render(id, null, null, key.key(), "New customer key issued. Copy it now: it is shown only once.");
    }

    @POST
    @Path("keys/rotate")
    @RolesAllowed(OperatorRole.ADMIN_ROLE)
    public String rotateKey(@PathParam("id") String id) {
        customers.require(id);
        IssuedKey key = credentials.rotate(TokenKind.CUSTOMER, id, null);
        page.audit("customer.key.rotate", "customer:" + id, "new key " + key.keyId());
        return render(id, null, null, key.key(),
                "Every earlier key is revoked; the new one is shown only once. Copy it now.");
    }

    @POST
    @Path("keys/{keyId}/revoke")
    @RolesAllowed(OperatorRole.ADMIN_ROLE)
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        UUID parsed;
        try {
            parsed = UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no customer key " + keyId);
        }
        credentials.revoke(TokenKind.CUSTOMER, parsed, id, null);
        page.audit("customer.key.revoke", "customer:" + id, "key " + keyId);
        return back(id);
    }

    private String render(String id, String period, String severity, String newKey, String message) {
        CustomerPageModel model = builder.build(id, period, severity, newKey, message);
        return DashboardTemplates.customer(page.chrome("Customer " + id, "customers"), model, sync.build(id))
                .render();
    }

    private static Response back(String id) {
        return Response.seeOther(URI.create("/customers/" + java.net.URLEncoder.encode(id,
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }
}
