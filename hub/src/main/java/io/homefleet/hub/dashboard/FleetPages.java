package io.homefleet.hub.dashboard;

import io.homefleet.hub.monitor.DeadMansSwitch;
import io.homefleet.hub.operator.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The Fleet page ({@code /}) and the Customers page. The Fleet table refreshes itself in place: the page's script
 * asks {@code /?...&fragment=table} with the ETag it has; while nothing the page shows changed (and within the same
 * minute, since ages move) the answer is 304 without reading the fleet.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class FleetPages {
    @Inject
    FleetBuilder fleet;

    @Inject
    DashboardQueries queries;

    @Inject
    PageSupport page;

    @Inject
    DeadMansSwitch deadMansSwitch;

    @GET
    public Response fleet(@QueryParam("status") String status, @QueryParam("q") String q,
                          @QueryParam("sort") String sort, @QueryParam("page") Integer pageNumber,
                          @QueryParam("fragment") String fragment, @HeaderParam("If-None-Match") String ifNoneMatch) {
        FleetBuilder.Filters filters = FleetBuilder.Filters.of(status, q, sort, pageNumber);
        boolean table = "table".equals(fragment);
        EntityTag tag = new EntityTag(etag(filters, table));
        if (ifNoneMatch != null && ifNoneMatch.contains(tag.getValue())) {
            return Response.notModified(tag).header("Cache-Control", "no-cache").build();
        }
        FleetView view = fleet.fleet(filters, "/");
        var sorts = fleet.sortLinks(filters, "/");
        Chrome chrome = page.chrome(view.down() > 0 ? "(" + view.down() + " DOWN) Fleet" : "Fleet", "fleet");
        var body = table ? DashboardTemplates.fleetTable(chrome, view, sorts) : DashboardTemplates.fleet(chrome, view,
                sorts);
        return Response.ok(body.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).tag(tag)
                .header("Cache-Control", "no-cache").header("X-Down-Count", view.down()).build();
    }

    @GET
    @Path("customers")
    public Response customers(@QueryParam("status") String status, @QueryParam("q") String q,
                              @QueryParam("sort") String sort, @QueryParam("page") Integer pageNumber) {
        FleetBuilder.Filters filters = FleetBuilder.Filters.of(status, q, sort, pageNumber);
        FleetView view = fleet.all(filters, "/customers");
        return Response.ok(DashboardTemplates.customers(page.chrome("Customers", "customers"), view,
                fleet.sortLinks(filters, "/customers")).render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    @POST
    @Path("sweep")
    @RolesAllowed(OperatorRole.OPERATOR_ROLE)
    public Response sweep() {
        var raised = deadMansSwitch.sweep(Instant.now());
        page.audit("monitor.sweep", "fleet", raised.size() + " events raised");
        return Response.seeOther(URI.create("/")).build();
    }

    /** The fleet's version, the filters, the session and the minute, hashed. */
    private String etag(FleetBuilder.Filters f, boolean table) {
        // The session's own CSRF token is part of the page, so a cached copy of another session's never matches.
        String basis = queries.fleetVersion() + "|" + f + "|" + table + "|" + page.chrome("", "").csrf() + "|"
                + Instant.now().getEpochSecond() / 60;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
