package io.homefleet.hub.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.auth.OperatorTokenFile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure an operator can always get in: the configured operator token, or else one generated on first
 * start into {@code <data-dir>/operator-token} (0600). The secret itself is never logged, only where it is.
 */
@ApplicationScoped
public class OperatorTokenBootstrap {
    @Inject
    HubConfig config;

    @Inject
    CredentialService credentials;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes StartupEvent event) {
        OperatorTokenFile.establish(config.operator().token(), "homefleet.hub.operator.token",
                Path.of(config.dataDir()), token -> credentials.makeSoleToken(TokenKind.OPERATOR, token), port,
                "/api/v1/customers");
    }
}
