package io.homefleet.provisioning.boot;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The answer URL given to {@code prepare-iso --fetch-from http --url}: {@code POST /api/boot/answer}. */
@Path("/api/boot")
@PermitAll
@Tag(name = "boot", description = "Called by PXE-booting machines and the Proxmox installer")
public class AnswerResource {
    static final String TOML = "application/toml";

    @Inject
    AnswerService answers;

    @POST
    @Path("/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(TOML)
    @Operation(summary = "The installer's system info in, this host's TOML answer file out")
    public String answer(@NotNull(message = "the installer's system info (JSON) is required") @Valid SystemInfo body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return answers.answer(body, token, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
    }
}
