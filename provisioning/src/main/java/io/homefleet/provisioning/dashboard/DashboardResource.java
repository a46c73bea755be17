package io.homefleet.provisioning.dashboard;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.discovery.DiscoveryService;
import io.homefleet.provisioning.discovery.DiscoveredView;
import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostService;
import io.homefleet.provisioning.host.HostView;
import io.homefleet.provisioning.host.Macs;
import io.homefleet.provisioning.host.TransitionView;
import io.homefleet.provisioning.pxe.PxeService;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.web.CurrentSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The dashboard's pages: the host grid with discovered machines and PXE, a host's history and failure, dnsmasq's
 * config and log; and its forms (register a discovered machine, rebuild, retry), which hand over to the same
 * services as the API and come back to a page. Pages update live from {@code /events}.
 */
@Path("/")
@RolesAllowed(DashboardAccounts.ROLE)
public class DashboardResource {
    static final int PXE_PANEL_LOG_LINES = 8;
    static final int PXE_PAGE_LOG_LINES = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance grid(String account, String csrf, List<DashboardViews.Tile> tiles,
                List<DashboardViews.Discovered> discovered, List<DashboardViews.Option> serverTypes,
                DashboardViews.Pxe pxe, String error);

        static native TemplateInstance host(String account, String csrf, DashboardViews.HostPage page, String error);

        static native TemplateInstance pxe(String account, String csrf, DashboardViews.Pxe pxe);
    }

    @Inject
    HostService hosts;

    @Inject
    DiscoveryService discovery;

    @Inject
    ProvisioningConfig config;

    @Inject
    PxeService pxe;

    @Inject
    CurrentSession session;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String grid(@RestQuery String error) {
        List<DashboardViews.Tile> tiles = hosts.list().stream().map(HostView::of)
                .sorted(Comparator.comparing(HostView::id)).map(DashboardViews.Tile::of).toList();
        List<DashboardViews.Discovered> seen = discovery.list().stream().map(DiscoveredView::of)
                .map(DashboardViews.Discovered::of).toList();
        List<DashboardViews.Option> types = config.current().types().serverTypes().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new DashboardViews.Option(e.getKey(), e.getValue().displayName())).toList();
        return Templates.grid(session.account(), session.csrfToken(), tiles, seen, types,
                pxeView(PXE_PANEL_LOG_LINES), error).render();
    }

    @GET
    @Path("hosts/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String host(@PathParam("id") String id, @RestQuery String error) {
        HostEntity host = hosts.get(id);
        List<TransitionView> history = hosts.history(id).stream().map(TransitionView::of).toList();
        return Templates.host(session.account(), session.csrfToken(),
                DashboardViews.hostPage(HostView.of(host), history), error).render();
    }

    @GET
    @Path("pxe")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String pxe() {
        return Templates.pxe(session.account(), session.csrfToken(), pxeView(PXE_PAGE_LOG_LINES)).render();
    }

    @POST
    @Path("discovered/{mac}/register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response register(@PathParam("mac") String mac, @RestForm String hostname,
            @RestForm("server_type") String serverType) {
        String normalized = Macs.normalize(mac).orElse(mac);
        try {
            if (hostname == null || !hostname.matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")) {
                throw ProblemException.of(ProblemType.INVALID_FIELDS, "hostname: '" + (hostname == null ? "" : hostname)
                        + "' must be a lower-case DNS label (a-z, 0-9, '-', at most 63 characters)");
            }
            HostEntity host = discovery.register(normalized, hostname, serverType, actor());
            return seeOther("/hosts/" + host.id);
        } catch (ProblemException e) {
            return seeOther("/?error=" + URLEncoder.encode(refusal(e), StandardCharsets.UTF_8));
        }
    }

    @POST
    @Path("hosts/{id}/rebuild")
    @Operation(hidden = true)
    public Response rebuild(@PathParam("id") String id) {
        return act(id, () -> hosts.rebuild(id, actor()));
    }

    @POST
    @Path("hosts/{id}/retry")
    @Operation(hidden = true)
    public Response retry(@PathParam("id") String id) {
        return act(id, () -> hosts.retry(id, actor()));
    }

    private Response act(String id, Runnable action) {
        hosts.get(id); // an unknown host is a 404, not a page with an error
        try {
            action.run();
            return seeOther("/hosts/" + id);
        } catch (ProblemException e) {
            return seeOther("/hosts/" + id + "?error=" + URLEncoder.encode(refusal(e), StandardCharsets.UTF_8));
        }
    }

    private DashboardViews.Pxe pxeView(int lines) {
        return DashboardViews.Pxe.of(pxe.status(), pxe.settingsProblem().orElse(null), pxe.recentLog(lines));
    }

    private String actor() {
        return "dashboard:" + session.account();
    }

    private static String refusal(ProblemException e) {
        return e.getMessage();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
