package io.homefleet.service.web;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/** The HMAC-SHA256 key that signs sessions: from config, else from a 0600 file (made on first use), else in memory. */
final class SessionKey {
    private static final Logger LOG = Logger.getLogger(SessionKey.class);
    static final int MIN_BYTES = 32;

    private SessionKey() {
    }

    static SecretKey load(Optional<String> configured, Optional<String> file) {
        if (configured.isPresent()) {
            return key(decode(configured.get(), "homefleet.web.session-key"));
        }
        if (file.isEmpty()) {
            LOG.warn("No homefleet.web.session-key-file or session-key: sessions are signed with a key kept in "
                    + "memory only, so every restart signs everyone out");
            return key(random());
        }
        Path path = Path.of(file.get()).toAbsolutePath();
        try {
            try {
                return key(decode(Files.readString(path, StandardCharsets.UTF_8), path.toString()));
            } catch (NoSuchFileException e) {
                byte[] fresh = random();
                AtomicFiles.writeSecret(path, (Base64.getEncoder().encodeToString(fresh) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                LOG.infof("Session signing key created in %s (mode 0600)", path);
                return key(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the session key file " + path, e);
        }
    }

    private static byte[] decode(String text, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64", e);
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(where + " holds " + bytes.length + " bytes; a session key needs at least "
                    + MIN_BYTES);
        }
        return bytes;
    }

    private static byte[] random() {
        byte[] bytes = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static SecretKey key(byte[] bytes) {
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
