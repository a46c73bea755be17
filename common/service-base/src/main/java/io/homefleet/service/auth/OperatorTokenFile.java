package io.homefleet.service.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The operator token a service starts with, so an operator can always get in: the configured one (checked to be an
 * operator token), or else the one in {@code <data-dir>/operator-token}, generated there 0600 on first start. Each
 * service stores the result its own way and logs only where it is, never the secret.
 */
public final class OperatorTokenFile {
    public static final String FILE_NAME = "operator-token";
    private static final Logger LOG = Logger.getLogger(OperatorTokenFile.class);

    /** The token, and the file it is kept in (null when it came from configuration). */
    public record Resolved(String token, Path file) {
    }

    private OperatorTokenFile() {
    }

    /**
     * @param configured the configured token, if any
     * @param configKey  its configuration key, named in the error for a token of the wrong form
     * @param dataDir    the service's data directory
     */
    public static Resolved resolve(Optional<String> configured, String configKey, Path dataDir) {
        if (configured.isPresent()) {
            String token = configured.get().trim();
            if (!Tokens.wellFormed(token) || TokenKind.of(token).orElse(null) != TokenKind.OPERATOR) {
                throw new IllegalStateException(configKey + " must be an operator token: hfo_ "
                        + "followed by 43 base64url characters");
            }
            return new Resolved(token, null);
        }
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new Resolved(Files.readString(file, StandardCharsets.UTF_8).trim(), file);
            }
            String token = Tokens.generate(TokenKind.OPERATOR);
            AtomicFiles.writeSecret(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            return new Resolved(token, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the operator token file " + file, e);
        }
    }

    /**
     * What a service does at start: {@link #resolve} the token, hand it to {@code use} (the service's token store),
     * and log where it came from, never the secret; for a generated file, with a curl line trying {@code tryPath}
     * on {@code port}.
     */
    public static Resolved establish(Optional<String> configured, String configKey, Path dataDir, Consumer<String> use,
                                     int port, String tryPath) {
        Resolved resolved = resolve(configured, configKey, dataDir);
        use.accept(resolved.token());
        if (resolved.file() == null) {
            LOG.infof("Operator token taken from configuration (%s)", configKey);
        } else {
            LOG.infof("Operator token is in %s (mode 0600). Try: curl -H \"Authorization: Bearer $(cat %s)\" "
                    + "http://localhost:%d%s", resolved.file(), resolved.file(), port, tryPath);
        }
        return resolved;
    }
}
