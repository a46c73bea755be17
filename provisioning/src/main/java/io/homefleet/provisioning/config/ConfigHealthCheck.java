package io.homefleet.provisioning.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says which configuration is in use and, when a changed file did not load, what is wrong with it. Stays UP then:
 * the last good configuration keeps serving PXE clients and running joins.
 */
@Readiness
@ApplicationScoped
public class ConfigHealthCheck implements HealthCheck {
    @Inject
    ProvisioningConfig config;

    @Override
    public HealthCheckResponse call() {
        ProvisioningConfig.Snapshot snapshot = config.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("provisioning-config").up()
                .withData("config_file", config.configFile().toString())
                .withData("server_types_file", config.typesFile(snapshot.file()).toString())
                .withData("server_types", snapshot.types().serverTypes().size())
                .withData("loaded_at", snapshot.loadedAt().toString());
        config.problem().ifPresent(p -> response.withData("last_good_kept", true).withData("problem", p));
        return response.build();
    }
}
