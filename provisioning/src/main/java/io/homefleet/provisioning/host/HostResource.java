package io.homefleet.provisioning.host;

import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/hosts}. */
@Path(HostResource.BASE)
@Tag(name = "hosts", description = "Hosts and their lifecycle")
public class HostResource extends HostEndpoints {
    static final String BASE = "/api/v1/hosts";

    @Override
    protected String base() {
        return BASE;
    }
}
