package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.controller.status.ControllerState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The five pages of the customer's web UI. In setup mode every page leads to the setup page. A page renders what the
 * core keeps in memory (the last report, the agent link's last answers, the spool's depth), refreshed by the core's
 * own threads, so it never waits for the hub, the agent, Docker or a disk: it is rendered on the I/O thread that read
 * the request, with no hand-over to a worker.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@NonBlocking
public class PagesResource {

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance dashboard(PageFrame frame, ControllerState.Identity identity,
                                                 StatusCards.Health health, StatusCards.Hub hub,
                                                 StatusCards.Agent agent, AppRows apps, StatusCards.Backups backups,
                                                 HostCard host);

        static native TemplateInstance apps(PageFrame frame, AppRows apps);

        static native TemplateInstance monitor(PageFrame frame, GuestCard guest, HostCard host,
                                               List<StorageRows.Disk> disks);

        static native TemplateInstance backups(PageFrame frame, StatusCards.Backups backups);

        static native TemplateInstance settings(PageFrame frame, List<StorageRows.Storage> storages,
                                                boolean monitoring, boolean passwordSet);
    }

    @Inject
    ControllerState state;
    @Inject
    PageContext page;
    @Inject
    WebAccess access;

    @GET
    @Operation(hidden = true)
    public Response dashboard() {
        if (!state.configured()) {
            return toSetup();
        }
        Formats f = page.formats();
        ControllerReport report = state.latestReport().orElse(null);
        return render(Templates.dashboard(page.frame("dashboard", true), state.identity().orElse(null),
                StatusCards.Health.of(report, f), StatusCards.Hub.of(state.hubLink(), f),
                StatusCards.Agent.of(state.agentLink(), f), AppRows.of(report), StatusCards.Backups.of(report, f),
                hostCard(f)));
    }

    @GET
    @Path("apps")
    @Operation(hidden = true)
    public Response apps() {
        if (!state.configured()) {
            return toSetup();
        }
        return render(Templates.apps(page.frame("apps", true), AppRows.of(state.latestReport().orElse(null))));
    }

    @GET
    @Path("monitor")
    @Operation(hidden = true)
    public Response monitor() {
        if (!state.configured()) {
            return toSetup();
        }
        Formats f = page.formats();
        GuestCard guest = state.latestReport().map(ControllerReport::system).map(s -> GuestCard.of(s, f)).orElse(null);
        return render(Templates.monitor(page.frame("monitor", true), guest, hostCard(f),
                StorageRows.disks(state.disks().orElse(null), f)));
    }

    @GET
    @Path("backups")
    @Operation(hidden = true)
    public Response backups() {
        if (!state.configured()) {
            return toSetup();
        }
        return render(Templates.backups(page.frame("backups", true),
                StatusCards.Backups.of(state.latestReport().orElse(null), page.formats())));
    }

    @GET
    @Path("settings")
    @Operation(hidden = true)
    public Response settings() {
        if (!state.configured()) {
            return toSetup();
        }
        Formats f = page.formats();
        // every storage the agent's /storage lists (the seed's 3.2); the default one (most free space) first
        String preferred = state.preferredStorage().map(HostStorage::name).orElse(null);
        List<HostStorage> storages = new ArrayList<>(state.storages());
        storages.sort(Comparator.comparing((HostStorage s) -> !s.name().equals(preferred)).thenComparing(HostStorage::name));
        boolean monitoring = state.latestReport().map(ControllerReport::monitoringOn).orElse(true);
        return render(Templates.settings(page.frame("settings", true),
                StorageRows.storages(storages, preferred, f), monitoring, access.passwordRequired()));
    }

    private HostCard hostCard(Formats f) {
        return state.hostMetrics().map(m -> HostCard.of(m, f)).orElse(null);
    }

    private Response render(TemplateInstance page) {
        return Response.ok(page.setLocale(Languages.locale(this.page.lang())).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    static Response toSetup() {
        return Response.seeOther(URI.create("/setup")).build();
    }
}
