package io.homefleet.provisioning.dashboard;

import io.homefleet.service.web.BrowserRequests;
import io.homefleet.service.web.SignIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
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
import org.jboss.resteasy.reactive.RestQuery;

/** The dashboard's sign-in form and sign-out, on the shared browser sign-in ({@link SignIn}). */
@Path("/")
@PermitAll
public class SignInResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String next, String error);
    }

    @Inject
    SignIn signIn;

    @Context
    HttpServerRequest request;

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String form(@RestQuery String next) {
        return Templates.signIn(BrowserRequests.safeNext(next), null).render();
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signIn(@RestForm String name, @RestForm String password, @RestForm String next) {
        SignIn.Outcome outcome = signIn.attempt(name, password, request);
        if (outcome instanceof SignIn.Outcome.SignedIn in) {
            return signIn.redirectSignedIn(in, next);
        }
        if (outcome instanceof SignIn.Outcome.Throttled throttled) {
            return signIn.throttled(throttled);
        }
        String message = ((SignIn.Outcome.Refused) outcome).message();
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML)
                .entity(Templates.signIn(BrowserRequests.safeNext(next), message).render()).build();
    }

    @POST
    @Path("sign-out")
    @Operation(hidden = true)
    public Response signOut() {
        return signIn.signOut(request);
    }
}
