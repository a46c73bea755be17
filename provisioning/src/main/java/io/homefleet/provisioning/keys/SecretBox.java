package io.homefleet.provisioning.keys;

import io.homefleet.provisioning.config.ProvisioningSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Encrypts secrets kept in the database (the ephemeral private keys) with service-base's
 * {@link io.homefleet.service.crypto.SecretBox}. The key is {@code <data-dir>/secrets.key} (0600, made at first
 * start; replicas share it, e.g. from one Kubernetes Secret), so a database dump alone never holds a usable private
 * key.
 */
@ApplicationScoped
public class SecretBox {
    static final String KEY_FILE = "secrets.key";

    @Inject
    ProvisioningSettings settings;

    private io.homefleet.service.crypto.SecretBox box;

    @PostConstruct
    void init() {
        Path file = Path.of(settings.dataDir()).toAbsolutePath().resolve(KEY_FILE);
        try {
            box = io.homefleet.service.crypto.SecretBox.fromKeyFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** {@code iv || ciphertext+tag}; {@code context} (the host id) is bound as associated data. */
    public byte[] seal(byte[] plain, String context) {
        return box.seal(plain, context);
    }

    public byte[] open(byte[] box, String context) {
        return this.box.open(box, context);
    }
}
