package io.homefleet.hub.customer;

import io.homefleet.common.contract.v1.CustomerRequest;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.auth.KeyView;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.event.EventQueries;
import io.homefleet.hub.event.StoredEvent;
import io.homefleet.hub.problem.Params;
import io.homefleet.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view and control of customers: {@code /api/v1/customers}. */
@Path("/api/v1/customers")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customers", description = "Operator API: customers, their keys, status, history and events")
public class CustomerResource {
    private static final int MAX_HISTORY = 10_000;

    @Inject
    CustomerService customers;

    @Inject
    CustomerQueries queries;

    @Inject
    EventQueries events;

    @Inject
    CredentialService credentials;

    @Inject
    HubConfig config;

    @GET
    @Operation(summary = "Every customer with status, latest report summary and 24 h error/warning counts")
    public List<CustomerSummary> list(@QueryParam("status") String status) {
        List<CustomerSummary> all = queries.list();
        if (status == null || status.isBlank()) {
            return all;
        }
        CustomerStatus wanted = Arrays.stream(CustomerStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(status.trim()))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("status '" + status + "' is not one of "
                        + Arrays.toString(CustomerStatus.values())));
        return all.stream().filter(c -> c.status() == wanted).toList();
    }

    @POST
    @Operation(summary = "Create a customer")
    public Response create(@NotNull(message = "a JSON body is required") @Valid CustomerRequest body) {
        customers.create(body);
        return Response.created(URI.create("/api/v1/customers/" + body.id()))
                .entity(queries.detail(body.id()).orElseThrow()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A customer with its latest full report")
    public CustomerDetail get(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        return queries.detail(id).orElseThrow(() -> ProblemException.notFound("no customer '" + id + "'"));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a customer's name, email, domain or notes")
    public CustomerDetail update(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @NotNull(message = "a JSON body is required") @Valid CustomerRequest body) {
        customers.update(id, body);
        return get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a customer with its keys, reports and events")
    public Response delete(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/block")
    @Operation(summary = "Block: reports are still stored, the customer raises no alerts")
    public CustomerDetail block(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.setBlocked(id, true);
        return get(id);
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(summary = "Unblock")
    public CustomerDetail unblock(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.setBlocked(id, false);
        return get(id);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Reports of the last period (e.g. 24h, 7d), oldest first")
    public List<HistoryPoint> history(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @QueryParam("period") @DefaultValue("24h") String period) {
        Duration look = Period.parse(period, Duration.ofDays(config.retention().maxDays()));
        customers.require(id);
        return queries.history(id, Instant.now().minus(look), MAX_HISTORY);
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "Newest events first; filter by severity (info, warning, error; comma-separated) and type")
    public List<StoredEvent> events(
            @PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @QueryParam("severity") String severity,
            @QueryParam("type") String type,
            @QueryParam("limit") String limit) {
        int max = Params.intInRange("limit", limit, 50, 1, 1000);
        customers.require(id);
        return events.forCustomer(id, severity, type, max);
    }

    @POST
    @Path("/{id}/keys")
    @Operation(summary = "Issue a customer key (hfc_...); the answer is the only time it is shown")
    public Response issueKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.require(id);
        return Response.status(Response.Status.CREATED).entity(credentials.issue(TokenKind.CUSTOMER, id, null)).build();
    }

    @POST
    @Path("/{id}/keys/rotate")
    @Operation(summary = "Revoke every key of the customer and issue a new one")
    public Response rotateKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.require(id);
        IssuedKey key = credentials.rotate(TokenKind.CUSTOMER, id, null);
        return Response.status(Response.Status.CREATED).entity(key).build();
    }

    @GET
    @Path("/{id}/keys")
    @Operation(summary = "The customer's keys (never their secrets)")
    public List<KeyView> keys(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id) {
        customers.require(id);
        return credentials.list(TokenKind.CUSTOMER, id, null).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke one key; it stops working at once")
    public Response revokeKey(@PathParam("id") @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @PathParam("keyId") String keyId) {
        customers.require(id);
        credentials.revoke(TokenKind.CUSTOMER, Params.uuid("key id", keyId), id, null);
        return Response.noContent().build();
    }
}
