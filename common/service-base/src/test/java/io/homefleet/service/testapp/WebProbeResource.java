package io.homefleet.service.testapp;

import io.homefleet.service.web.CurrentSession;
import io.homefleet.service.web.SignIn;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.RestForm;

/** A sign-in form, a page and a state-changing form, as a service's dashboard has them. */
@Path("/")
public class WebProbeResource {
    public static final AtomicInteger COUNTER = new AtomicInteger();

    @Inject
    SignIn signIn;

    @Inject
    CurrentSession session;

    @Context
    HttpServerRequest request;

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response signIn(@RestForm String name, @RestForm String password, @RestForm String next) {
        SignIn.Outcome outcome = signIn.attempt(name, password, request);
        if (outcome instanceof SignIn.Outcome.SignedIn in) {
            return signIn.redirectSignedIn(in, next);
        }
        if (outcome instanceof SignIn.Outcome.Throttled throttled) {
            return signIn.throttled(throttled);
        }
        return Response.status(401).entity(((SignIn.Outcome.Refused) outcome).message()).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return signIn.signOut(request);
    }

    @GET
    @Path("web/page")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(FixedAccounts.VIEWER_ROLE)
    public String page() {
        return "<p>hello " + session.account() + "</p><input name=_csrf value=" + session.csrfToken() + ">";
    }

    @POST
    @Path("web/counter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(FixedAccounts.VIEWER_ROLE)
    public String increment(@RestForm int by) {
        return String.valueOf(COUNTER.addAndGet(by));
    }
}
