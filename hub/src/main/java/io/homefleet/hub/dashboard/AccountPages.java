package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.FirstAdminBootstrap;
import io.homefleet.hub.operator.OperatorAccounts;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.web.CurrentSession;
import io.homefleet.service.web.PasswordChange;
import io.homefleet.service.web.SignIn;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;

/** Sign-in, sign-out and the operator's own password (forced at first sign-in). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
    @Inject
    SignIn signIn;

    @Inject
    CurrentSession session;

    @Inject
    OperatorAccounts operators;

    @Inject
    PageSupport page;

    @Inject
    HubConfig config;

    @GET
    @Path("sign-in")
    public String signInForm(@QueryParam("next") String next) {
        return DashboardTemplates.signIn(null, next == null ? "/" : next, "",
                session.get().map(s -> s.csrfToken()).orElse("")).render();
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String name, @RestForm String password, @RestForm String next) {
        SignIn.Outcome outcome = signIn.attempt(name, password, page.request());
        if (outcome instanceof SignIn.Outcome.SignedIn in) {
            return signIn.redirectSignedIn(in, next);
        }
        if (outcome instanceof SignIn.Outcome.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds());
            return Response.status(429).header(HttpHeaders.RETRY_AFTER, seconds).type(MediaType.TEXT_HTML)
                    .entity(DashboardTemplates.signIn("Too many failed sign-ins. Try again in " + seconds + " s.",
                            next, name == null ? "" : name, "").render()).build();
        }
        return Response.status(401).type(MediaType.TEXT_HTML)
                .entity(DashboardTemplates.signIn(((SignIn.Outcome.Refused) outcome).message(), next,
                        name == null ? "" : name, "").render()).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return signIn.signOut(page.request());
    }

    @GET
    @Path("account/password")
    @Authenticated
    public String passwordForm() {
        return DashboardTemplates.password(page.chrome("Change password", "password"), null,
                session.mustChangePassword()).render();
    }

    @POST
    @Path("account/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@RestForm String current, @RestForm("new") String fresh,
                                   @RestForm String repeat) {
        String name = session.account();
        var record = operators.record(name).orElseThrow(() -> ProblemException.notFound("no operator " + name));
        String error = PasswordChange.problemWith(record.passwordHash(), current, fresh, repeat);
        if (error != null) {
            return Response.status(400).type(MediaType.TEXT_HTML).entity(DashboardTemplates.password(
                    page.chrome("Change password", "password"), error, session.mustChangePassword()).render()).build();
        }
        operators.setPassword(name, fresh, false);
        page.audit("password.change", "operator:" + name, null);
        if (record.mustChangePassword() && name.equals(FirstAdminBootstrap.ADMIN)) {
            try {
                // the one-time password is spent: its file goes
                Files.deleteIfExists(java.nio.file.Path.of(config.dataDir()).toAbsolutePath()
                        .resolve(FirstAdminBootstrap.PASSWORD_FILE));
            } catch (IOException e) {
                // the file only holds a password that no longer works
            }
        }
        // The change ended every session of this operator, this one too: sign in again with the new password.
        return signIn.signOut(page.request());
    }

}
