package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.controller.status.ControllerState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The five pages of the customer's web UI. In setup mode every page leads to the setup page. A page renders what the
 * core keeps in memory (the last report, the agent link's last answers, the spool's depth), refreshed by the core's
 * own threads, so it never waits for the hub, the agent, Docker or a disk. (It runs on a worker, not the I/O thread:
 * the browser session is resolved lazily, which may block.)
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
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
                                                boolean monitoring, boolean passwordSet,
                                                ControllerConfig.Preferences prefs, boolean saved,
                                                List<String> problems);
    }

    @Inject
    ControllerState state;
    @Inject
    PageContext page;
    @Inject
    WebAccess access;
    @Inject
    ControllerRuntime runtime;
    @Inject
    Validator validator;

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
    public Response settings(@QueryParam("saved") String saved) {
        if (!state.configured()) {
            return toSetup();
        }
        return render(settingsPage(runtime.config().preferences(), saved != null, List.of()));
    }

    /**
     * The Settings page's preferences form: checked, written into controller.yaml at once, and spooled for the hub
     * (which keeps them as a revision of the customer's config). The page's language follows the choice. Bad input:
     * 400 with the page again, the problems named and what was typed kept; nothing changes.
     */
    @POST
    @Path("settings/preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response savePreferences(@FormParam("email") String email, @FormParam("backup_failed") String backupFailed,
                                    @FormParam("app_down") String appDown, @FormParam("low_disk") String lowDisk,
                                    @FormParam("language") String language) throws java.io.IOException {
        if (!state.configured()) {
            return toSetup();
        }
        ControllerConfig.Preferences wanted = new ControllerConfig.Preferences(language == null ? "" : language.strip(),
                email == null || email.isBlank() ? null : email.strip(), backupFailed != null, appDown != null,
                lowDisk != null);
        List<String> problems = new ArrayList<>();
        if (!Languages.SUPPORTED.contains(wanted.language())) {
            problems.add("language: must be one of " + String.join(", ", new java.util.TreeSet<>(Languages.SUPPORTED)));
        }
        CustomerPreferences.Notifications notifications = new CustomerPreferences.Notifications(wanted.email(),
                wanted.backupFailed(), wanted.appDown(), wanted.lowDisk());
        validator.validate(notifications).forEach(v -> problems.add(v.getPropertyPath() + ": " + v.getMessage()));
        if (!problems.isEmpty()) {
            return Response.fromResponse(render(settingsPage(wanted, false, problems))).status(400).build();
        }
        runtime.changePreferences(wanted);
        NewCookie cookie = LanguageResource.cookie(wanted.language());
        return Response.seeOther(URI.create("/settings?saved=1#preferences")).cookie(cookie).build();
    }

    private TemplateInstance settingsPage(ControllerConfig.Preferences prefs, boolean saved, List<String> problems) {
        Formats f = page.formats();
        // every storage the agent's /storage lists (the seed's 3.2); the default one (most free space) first
        String preferred = state.preferredStorage().map(HostStorage::name).orElse(null);
        List<HostStorage> storages = new ArrayList<>(state.storages());
        storages.sort(Comparator.comparing((HostStorage s) -> !s.name().equals(preferred)).thenComparing(HostStorage::name));
        boolean monitoring = state.latestReport().map(ControllerReport::monitoringOn).orElse(true);
        return Templates.settings(page.frame("settings", true), StorageRows.storages(storages, preferred, f), monitoring,
                access.passwordRequired(), prefs, saved, problems);
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
