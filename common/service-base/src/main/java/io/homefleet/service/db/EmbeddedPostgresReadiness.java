package io.homefleet.service.db;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: DOWN, with the reason, while the embedded PostgreSQL is down or being restarted. Only in
 * services built with {@code homefleet.embedded-postgres.enabled=true} (the others have no such bean at all); UP with
 * "external" when the service runs against a PostgreSQL of its own (the datasource's own check covers that one).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "homefleet.embedded-postgres.enabled", stringValue = "true")
public class EmbeddedPostgresReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("embedded PostgreSQL");
        return EmbeddedPostgresSupervisor.current()
                .map(s -> {
                    EmbeddedPostgresSupervisor.Status status = s.status();
                    return response.status(status.up()).withData("detail", status.detail())
                            .withData("restarts", status.restarts()).build();
                })
                .orElseGet(() -> response.up().withData("detail", "not in use: an external PostgreSQL is configured")
                        .build());
    }

    /** The reason the embedded server is down right now, if it is (for plain health answers such as /healthz). */
    public static java.util.Optional<String> downReason() {
        return EmbeddedPostgresSupervisor.current()
                .map(EmbeddedPostgresSupervisor::status)
                .filter(status -> !status.up())
                .map(EmbeddedPostgresSupervisor.Status::detail);
    }
}
