package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.Ids;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.status.ControllerSetup;
import io.homefleet.controller.status.ControllerState;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.service.hubclient.HubException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Setup mode (no controller.yaml and no bootstrap): asks for the hub URL, the customer id and the retrieval
 * password, fetches controller.yaml from the hub and hands it to the core, which writes it 0600 and comes up
 * configured. Once configured, this page leads to the dashboard.
 */
@Path("/setup")
@Produces(MediaType.TEXT_HTML)
public class SetupResource {
    private static final Logger LOG = Logger.getLogger(SetupResource.class);

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance setup(PageFrame frame, String hubUrl, String customerId, String error,
                                             String bootstrapProblem);
    }

    @Inject
    ControllerState state;
    @Inject
    ControllerSetup setup;
    @Inject
    ControllerRuntime runtime;
    @Inject
    PageContext page;
    @Inject
    WebAccess access;

    @GET
    @Operation(hidden = true)
    public Response form() {
        if (state.configured()) {
            return Response.seeOther(URI.create("/")).build();
        }
        return render(Response.Status.OK, "", "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response fetch(@FormParam("hub_url") String hubUrl, @FormParam("customer_id") String customerId,
                          @FormParam("retrieval_password") String password) {
        if (state.configured()) {
            return Response.seeOther(URI.create("/")).build();
        }
        String url = hubUrl == null ? "" : hubUrl.strip();
        String id = customerId == null ? "" : customerId.strip();
        Msg msg = page.formats().msg();
        if (url.isEmpty() || id.isEmpty() || password == null || password.isEmpty()) {
            return render(Response.Status.BAD_REQUEST, url, id, msg.setup_missing());
        }
        if (!id.matches(Ids.SLUG)) {
            return render(Response.Status.BAD_REQUEST, url, id, msg.setup_failed("customer id: " + Ids.SLUG_MESSAGE));
        }
        String yaml;
        try {
            yaml = SetupFetch.controllerYaml(url, id, password, allowPlainHttp());
        } catch (IllegalArgumentException e) {
            return render(Response.Status.BAD_REQUEST, url, id, msg.setup_failed(e.getMessage()));
        } catch (HubException e) {
            LOG.warnf("setup: fetching controller.yaml for %s from %s failed: %s", id, url, e.getMessage());
            // the hub's refusal (wrong password, unknown customer) is the customer's to fix; no answer is the hub's
            Response.Status status = e.kind() == HubException.Kind.RATE_LIMITED ? Response.Status.TOO_MANY_REQUESTS
                    : e.kind() == HubException.Kind.REFUSED && e.status() < 500 ? Response.Status.BAD_REQUEST
                    : Response.Status.BAD_GATEWAY;
            return render(status, url, id, msg.setup_failed(e.getMessage()));
        }
        try {
            setup.install(yaml);
        } catch (InvalidConfigException e) {
            LOG.warnf("setup: the controller.yaml from %s is not usable: %s", url, e.getMessage());
            return render(Response.Status.BAD_GATEWAY, url, id, msg.setup_failed(String.join("; ", e.problems())));
        }
        access.logOpenDashboard();
        return Response.seeOther(URI.create("/")).build();
    }

    /** The environment's hub.allow_plain_http (HOMEFLEET_CONTROLLER_HUB_ALLOW_PLAIN_HTTP), read in setup mode too. */
    private boolean allowPlainHttp() {
        ControllerConfig config = runtime.config();
        return config != null && config.hub() != null && Boolean.TRUE.equals(config.hub().allowPlainHttp());
    }

    private Response render(Response.Status status, String hubUrl, String customerId, String error) {
        String bootstrapProblem = runtime.setupProblem().orElse(null);
        TemplateInstance page = Templates.setup(this.page.frame("setup", false), hubUrl, customerId, error,
                bootstrapProblem);
        return Response.status(status).entity(page.setLocale(Languages.locale(this.page.lang())).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

}
