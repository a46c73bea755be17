package io.homefleet.provisioning.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.provisioning.config.ProvisioningSettings;
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
 * Makes sure an operator can always get in, as the hub does: the configured operator token, or else one generated
 * on first start into {@code <data-dir>/operator-token} (0600). Only where it is gets logged, never the secret.
 */
@ApplicationScoped
public class OperatorTokenBootstrap {
    private static final Logger LOG = Logger.getLogger(OperatorTokenBootstrap.class);
    static final String TOKEN_FILE = "operator-token";

    @Inject
    ProvisioningSettings settings;

    @Inject
    OperatorTokenStore store;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8090")
    int port;

    void onStart(@Observes StartupEvent event) {
        if (settings.operator().token().isPresent()) {
            String token = settings.operator().token().get().trim();
            if (!Tokens.wellFormed(token) || TokenKind.of(token).orElse(null) != TokenKind.OPERATOR) {
                throw new IllegalStateException("homefleet.provisioning.operator.token must be an operator token: hfo_ "
                        + "followed by 43 base64url characters");
            }
            store.use(token);
            LOG.info("Operator token taken from configuration (homefleet.provisioning.operator.token)");
            return;
        }
        Path file = Path.of(settings.dataDir()).toAbsolutePath().resolve(TOKEN_FILE);
        try {
            String token;
            if (Files.exists(file)) {
                token = Files.readString(file, StandardCharsets.UTF_8).trim();
            } else {
                token = Tokens.generate(TokenKind.OPERATOR);
                AtomicFiles.writeSecret(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            }
            store.use(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the operator token file " + file, e);
        }
        LOG.infof("Operator token is in %s (mode 0600). Try: curl -H \"Authorization: Bearer $(cat %s)\" "
                + "http://localhost:%d/api/v1/hosts", file, file, port);
    }
}
