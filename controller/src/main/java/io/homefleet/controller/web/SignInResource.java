package io.homefleet.controller.web;

import io.homefleet.service.web.BrowserRequests;
import io.homefleet.service.web.CurrentSession;
import io.homefleet.service.web.SignIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sign-in page (only the password: the controller has one account) and sign-out, on service-base's shared
 * browser sign-in: bcrypt check, session cookie, throttling after repeated failures.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance signin(PageFrame frame, String back, String error);
    }

    @Inject
    SignIn signIn;
    @Inject
    CurrentSession session;
    @Inject
    WebAccess access;
    @Inject
    PageContext page;
    @Inject
    HttpServerRequest request;

    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public Response form(@QueryParam("next") String next) {
        if (!access.passwordRequired() || session.get().isPresent()) {
            return Response.seeOther(URI.create(BrowserRequests.safeNext(next))).build();
        }
        return render(Response.Status.OK, BrowserRequests.safeNext(next), null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response attempt(@FormParam("password") String password, @FormParam("back") String back) {
        if (!access.passwordRequired()) {
            return Response.seeOther(URI.create("/")).build();
        }
        Msg msg = page.formats().msg();
        SignIn.Outcome outcome = signIn.attempt(WebAccount.NAME, password, request);
        if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
            return signIn.redirectSignedIn(signedIn, back);
        }
        if (outcome instanceof SignIn.Outcome.Throttled throttled) {
            return Response.fromResponse(render(Response.Status.TOO_MANY_REQUESTS, BrowserRequests.safeNext(back),
                    msg.signin_throttled())).header("Retry-After", Math.max(1, throttled.retryAfter().toSeconds())).build();
        }
        return render(Response.Status.UNAUTHORIZED, BrowserRequests.safeNext(back), msg.signin_wrong());
    }

    @POST
    @Path("sign-out")
    @Operation(hidden = true)
    public Response signOut() {
        return signIn.signOut(request);
    }

    private Response render(Response.Status status, String back, String error) {
        TemplateInstance instance = Templates.signin(page.frame("signin", false), back, error);
        return Response.status(status)
                .entity(instance.setLocale(Languages.locale(page.lang())).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }
}
