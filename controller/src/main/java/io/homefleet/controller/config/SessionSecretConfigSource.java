package io.homefleet.controller.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Signs the web UI's sessions with controller.yaml's {@code web.session_secret} (the hub generates one per customer and
 * carries it in the customer's config), so sessions survive a restart and are valid at every replica of the same
 * customer. The secret becomes service-base's {@code homefleet.web.session-key} as its SHA-256 (any length of secret
 * gives the 32-byte key the signer needs). Without the secret, the key file in the state directory applies. Read at
 * start: a secret installed later (setup mode, desired state) signs sessions from the next start.
 */
public class SessionSecretConfigSource implements ConfigSourceFactory {
    private static final Logger LOG = Logger.getLogger(SessionSecretConfigSource.class);
    static final String KEY = "homefleet.web.session-key";
    /** Above application.properties (250), below system properties and the environment. */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue configured = context.getValue("homefleet.controller.config-file");
        Path file = configured == null || configured.getValue() == null || configured.getValue().isBlank()
                ? ControllerConfigLoader.defaultLocation() : Path.of(configured.getValue());
        if (!Files.isReadable(file)) {
            return List.of();
        }
        String secret;
        try {
            secret = ControllerConfigLoader.load(file).web().sessionSecret();
        } catch (RuntimeException e) {
            // the start reports a broken controller.yaml itself, naming every problem
            LOG.debugf("web.session_secret not read from %s: %s", file, e.getMessage());
            return List.of();
        }
        if (secret == null) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(KEY, sessionKey(secret)), "controller.yaml web.session_secret",
                ORDINAL));
    }

    /** The signing key for a secret: base64 of its SHA-256. */
    static String sessionKey(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
