package io.homefleet.hub.secrets;

import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.crypto.SecretBox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hub's {@link SecretBox}: secrets the hub must give back in clear (a customer's tunnel token, its controller's
 * session secret) are sealed before they reach PostgreSQL and opened when a desired state or controller.yaml is
 * generated. The key is {@code homefleet.hub.secrets-key} or {@code <data-dir>/secrets.key}.
 */
@ApplicationScoped
public class StoredSecrets {
    public static final String KEY_FILE = "secrets.key";

    @Inject
    HubConfig hub;

    private SecretBox box;

    @PostConstruct
    void init() {
        if (hub.secretsKey().isPresent()) {
            box = SecretBox.fromBase64(hub.secretsKey().get());
            return;
        }
        Path dir = Path.of(hub.dataDir()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            box = SecretBox.fromKeyFile(dir.resolve(KEY_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + dir.resolve(KEY_FILE), e);
        }
    }

    public String seal(String plain, String context) {
        return box.sealText(plain, context);
    }

    public String open(String stored, String context) {
        return box.openText(stored, context);
    }

    /** Where a customer config's infrastructure value is bound: its customer and key. */
    public static String infrastructureContext(String customerId, String key) {
        return "customer-config:" + customerId + ":infrastructure." + key;
    }

    public static String sessionSecretContext(String customerId) {
        return "customer-config:" + customerId + ":web.session_secret";
    }
}
