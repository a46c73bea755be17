package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.hub.updates.TriggerRequest;
import io.homefleet.hub.updates.UpdateService;
import io.homefleet.hub.updates.UpdateStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Controller updates: the versions the registry lists, per customer the running and target version and whether a
 * newer one exists; operators check the registry now and update every controller to the newest version.
 */
@Path("/updates")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class UpdatesPages {
    @Inject
    UpdateService updates;

    @Inject
    PageSupport page;

    @GET
    public String updates() {
        return render(updates.status(), null);
    }

    @POST
    @Path("check")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public String check() {
        UpdateStatus status = updates.check();
        page.audit("updates.check", "registry", status.error() == null ? "newest " + status.newest()
                : "failed: " + status.error());
        return render(status, status.error() == null ? "The registry lists " + status.versions().size()
                + " versions; the newest is " + status.newest() + "." : "The check failed: " + status.error());
    }

    @POST
    @Path("trigger-all")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public String triggerAll() {
        String version = updates.lastCheck().newest();
        List<String> customers = updates.trigger(new TriggerRequest(null, true, version), page.account());
        page.audit("updates.trigger", "all customers", customers.size() + " customers to " + version);
        return render(updates.status(), customers.size() + " controllers have the target version " + version
                + " now; each updates at its next desired-state pull.");
    }

    private String render(UpdateStatus status, String message) {
        return DashboardTemplates.updates(page.chrome("Updates", "updates"), status, message).render();
    }
}
