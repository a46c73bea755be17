package io.homefleet.provisioning.host;

import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/hosts}: the paths installers, first-boot scripts and older clients use; the same as v1. */
@Path(UnversionedHostResource.BASE)
@Tag(name = "hosts", description = "Hosts and their lifecycle")
public class UnversionedHostResource extends HostEndpoints {
    static final String BASE = "/api/hosts";

    @Override
    protected String base() {
        return BASE;
    }
}
