package io.homefleet.service.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Endpoints that exercise the shared problem and auth layers the way a service's endpoints do. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {
    @Inject
    CurrentCaller caller;

    public enum Colour {
        @JsonProperty("red") RED,
        @JsonProperty("blue") BLUE
    }

    public record Item(@NotBlank String name, @Min(0) long size) {
    }

    public record Probe(@NotBlank String name, Integer count, Instant at, OffsetDateTime since, Colour colour,
                        List<@Valid Item> items, Map<String, String> labels, com.fasterxml.jackson.databind.JsonNode extra) {
    }

    @POST
    @Path("/customer")
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> customer(@NotNull @Valid Probe body) {
        return Map.of("caller", caller.get().describe(), "name", body.name());
    }

    @GET
    @Path("/guest")
    @RolesAllowed({Roles.GUEST, Roles.OPERATOR})
    public Map<String, Object> guest() {
        return Map.of("caller", caller.get().describe());
    }

    @GET
    @Path("/proxy")
    @RolesAllowed(Roles.PROXY)
    public Map<String, Object> proxy() {
        return Map.of("caller", caller.get().describe());
    }

    @GET
    @Path("/public")
    public Map<String, Object> open() {
        return Map.of("open", true);
    }

    @GET
    @Path("/boom")
    public Map<String, Object> boom() {
        throw new IllegalStateException("a bug");
    }
}
