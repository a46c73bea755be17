package io.homefleet.agent.localapi.auth;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The host-side operator credential ({@code hfo_}) that provisioning guests and revoking tokens need. Only its
 * SHA-256 is kept on the host (0600); the file is read on each check so a rotation applies at once.
 */
public class OperatorCredential {
    private final Path hashFile;

    public OperatorCredential(Path hashFile) {
        this.hashFile = hashFile;
    }

    public Path hashFile() {
        return hashFile;
    }

    public boolean matches(String presented) {
        try {
            if (!Files.exists(hashFile)) {
                return false;
            }
            String hex = Files.readString(hashFile, StandardCharsets.UTF_8).strip();
            return hex.matches("^[0-9a-f]{64}$") && Tokens.matches(presented, HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator credential " + hashFile, e);
        }
    }

    /** Issues a new operator token, replacing the old one; returns it (shown once). */
    public String rotate() {
        String token = Tokens.generate(TokenKind.OPERATOR);
        try {
            AtomicFiles.writeSecret(hashFile, (Tokens.sha256Hex(token) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the operator credential " + hashFile, e);
        }
        return token;
    }
}
