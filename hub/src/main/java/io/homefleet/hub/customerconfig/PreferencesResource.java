package io.homefleet.hub.customerconfig;

import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The customer's preferences from its controller: {@code PUT /api/v1/preferences} with the customer's own key. They
 * become a new revision of the customer's config (changed by the customer, source {@code customer}), which the next
 * desired state carries back to the controller.
 */
@Path("/api/v1/preferences")
@Tag(name = "desired-state", description = "What each controller should run, pulled with the customer key")
public class PreferencesResource {
    private static final Logger LOG = Logger.getLogger(PreferencesResource.class);

    @Inject
    CurrentCaller caller;

    @Inject
    CustomerConfigService configs;

    @PUT
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store the customer's notification preferences and language as a new config revision; "
            + "the same preferences again store nothing new; 409 customer-not-managed for a report-only customer")
    public CustomerConfigService.PreferencesStored put(
            @NotNull(message = "a JSON body is required") @Valid CustomerPreferences body) {
        caller.requireCustomer(body.customerId());
        String by = caller.get().describe();
        CustomerConfigService.PreferencesStored stored = configs.savePreferences(body, by);
        if (stored.changed()) {
            LOG.infof("Customer config of %s: revision %d from the customer's preferences (%s, changed at %s)",
                    body.customerId(), stored.revision(), by, body.changedAt());
        }
        return stored;
    }
}
