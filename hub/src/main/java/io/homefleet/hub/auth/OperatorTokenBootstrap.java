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
import org.jboss.logging.Logger;

/**
 * Makes sure an operator can always get in: the configured operator token, or else one generated on first
 * start into {@code <data-dir>/operator-token} (0600). The secret itself is never logged, only where it is.
 */
@ApplicationScoped
public class OperatorTokenBootstrap {
    private static final Logger LOG = Logger.getLogger(OperatorTokenBootstrap.class);

    @Inject
    HubConfig config;

    @Inject
    CredentialService credentials;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes StartupEvent event) {
        OperatorTokenFile.Resolved resolved = OperatorTokenFile.resolve(config.operator().token(),
                "homefleet.hub.operator.token", Path.of(config.dataDir()));
        credentials.makeSoleToken(TokenKind.OPERATOR, resolved.token());
        if (resolved.file() == null) {
            LOG.info("Operator token taken from configuration (homefleet.hub.operator.token)");
            return;
        }
        LOG.infof("Operator token is in %s (mode 0600). Try: curl -H \"Authorization: Bearer $(cat %s)\" "
                + "http://localhost:%d/api/v1/customers", resolved.file(), resolved.file(), port);
    }
}
