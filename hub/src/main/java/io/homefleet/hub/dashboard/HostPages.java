package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.OperatorRole;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Hosts list and a host's page: report age, memory, load, disks, temperatures, guests, sensor proxy. */
@Path("/hosts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class HostPages {
    @Inject
    HostPageBuilder builder;

    @Inject
    PageSupport page;

    @GET
    public String hosts() {
        return DashboardTemplates.hosts(page.chrome("Hosts", "hosts"), builder.list()).render();
    }

    @GET
    @Path("{id}")
    public String host(@PathParam("id") String id) {
        return DashboardTemplates.host(page.chrome("Host " + id, "hosts"), builder.page(id)).render();
    }
}
