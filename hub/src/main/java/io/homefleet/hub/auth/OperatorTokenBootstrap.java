package io.homefleet.hub.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.hub.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    static final String TOKEN_FILE = "operator-token";

    @Inject
    HubConfig config;

    @Inject
    CredentialService credentials;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes StartupEvent event) {
        if (config.operator().token().isPresent()) {
            String token = config.operator().token().get().trim();
            if (!Tokens.wellFormed(token) || TokenKind.of(token).orElse(null) != TokenKind.OPERATOR) {
                throw new IllegalStateException("homefleet.hub.operator.token must be an operator token: hfo_ "
                        + "followed by 43 base64url characters");
            }
            credentials.makeSoleToken(TokenKind.OPERATOR, token);
            LOG.info("Operator token taken from configuration (homefleet.hub.operator.token)");
            return;
        }
        Path file = Path.of(config.dataDir()).toAbsolutePath().resolve(TOKEN_FILE);
        try {
            String token;
            if (Files.exists(file)) {
                token = Files.readString(file, StandardCharsets.UTF_8).trim();
            } else {
                token = Tokens.generate(TokenKind.OPERATOR);
                AtomicFiles.writeSecret(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            }
            credentials.makeSoleToken(TokenKind.OPERATOR, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the operator token file " + file, e);
        }
        LOG.infof("Operator token is in %s (mode 0600). Try: curl -H \"Authorization: Bearer $(cat %s)\" "
                + "http://localhost:%d/api/v1/customers", file, file, port);
    }
}
