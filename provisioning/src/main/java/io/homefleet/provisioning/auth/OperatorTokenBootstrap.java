package io.homefleet.provisioning.auth;

import io.homefleet.provisioning.config.ProvisioningSettings;
import io.homefleet.service.auth.OperatorTokenFile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure an operator can always get in, as the hub does: the configured operator token, or else one generated
 * on first start into {@code <data-dir>/operator-token} (0600). Only where it is gets logged, never the secret.
 */
@ApplicationScoped
public class OperatorTokenBootstrap {
    @Inject
    ProvisioningSettings settings;

    @Inject
    OperatorTokenStore store;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8090")
    int port;

    void onStart(@Observes StartupEvent event) {
        OperatorTokenFile.establish(settings.operator().token(), "homefleet.provisioning.operator.token",
                Path.of(settings.dataDir()), store::use, port, "/api/v1/hosts");
    }
}
