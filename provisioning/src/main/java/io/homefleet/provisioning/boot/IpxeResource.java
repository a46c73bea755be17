package io.homefleet.provisioning.boot;

import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.host.Macs;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What iPXE fetches: {@code GET /ipxe/{mac}} (the boot script) and the installer files it names. */
@jakarta.ws.rs.Path("/ipxe")
@PermitAll
@Tag(name = "boot", description = "Called by PXE-booting machines and the Proxmox installer")
public class IpxeResource {
    @Inject
    IpxeService ipxe;

    @Inject
    ProvisioningConfig config;

    @GET
    @jakarta.ws.rs.Path("/{mac}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The iPXE script for this MAC: the installer after a rebuild request, the local disk otherwise")
    public String script(@PathParam("mac") String mac, @Context HttpServerRequest request) {
        String normalized = Macs.normalize(mac).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_PARAMETER,
                "mac: '" + mac + "' is not a MAC address (iPXE sends ${net0/mac})"));
        return ipxe.scriptFor(normalized, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
    }

    @GET
    @jakarta.ws.rs.Path("/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "An installer file from pxe.installer_dir (vmlinuz, initrd.img, the prepared ISO)")
    public Response file(@PathParam("name") String name) {
        if (!name.matches("^[A-Za-z0-9][A-Za-z0-9._+-]{0,200}$")) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "name: '" + name + "' is not an installer file name");
        }
        Path dir = config.current().file().pxe().installerDir().toAbsolutePath().normalize();
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw ProblemException.notFound("no installer file '" + name + "' in " + dir);
        }
        return Response.ok(file.toFile()).build();
    }
}
