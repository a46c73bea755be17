package io.homefleet.provisioning.dashboard;

import io.homefleet.service.web.CurrentSession;
import io.homefleet.service.web.SignIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The dashboard account's own password ({@code /account/password}, the shared sign-in's change-password page): the
 * current one, the new one twice. A change ends every session of the account, this one too: sign in again.
 */
@Path("/account/password")
@Authenticated
public class AccountResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance password(String account, String csrf, String error);
    }

    @Inject
    DashboardAccounts accounts;

    @Inject
    CurrentSession session;

    @Inject
    SignIn signIn;

    @Context
    HttpServerRequest request;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String form() {
        return Templates.password(session.account(), session.csrfToken(), null).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response change(@RestForm String current, @RestForm("new") String fresh, @RestForm String repeat) {
        String error = accounts.changePassword(session.account(), current, fresh, repeat);
        if (error != null) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                    .entity(Templates.password(session.account(), session.csrfToken(), error).render()).build();
        }
        return signIn.signOut(request);
    }
}
