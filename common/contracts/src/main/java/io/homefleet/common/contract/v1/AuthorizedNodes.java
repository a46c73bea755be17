package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The nodes a sensor proxy may read ({@code GET /api/v1/temperature-proxy/authorized-nodes}): the nodes of its
 * own cluster, deduplicated. {@code hash} is {@link #hashOf}: the proxy recomputes it to check the list arrived
 * whole, and sends it back in {@code If-None-Match}. {@code updated_at} changes exactly when the hash does.
 */
@ContractRecord
@Schema(description = "The nodes of the proxy's own cluster, with the list's hash")
public record AuthorizedNodes(
        @NotNull List<@NotNull @Valid AuthorizedNode> nodes,
        @NotNull @Pattern(regexp = "^sha256:[0-9a-f]{64}$", message = "must be sha256: and 64 lower-case hex digits")
        String hash,
        @Schema(description = "seconds the proxy waits before its next pull") int refreshInterval,
        @NotNull Instant updatedAt) {

    /**
     * {@code "sha256:" + hex(SHA-256(lines))}: one {@link AuthorizedNode#line()} per distinct node entry, sorted
     * by their UTF-8 bytes (unsigned), joined with {@code "\n"} (no trailing newline), encoded as UTF-8.
     */
    public static String hashOf(List<AuthorizedNode> nodes) {
        byte[][] lines = nodes.stream().map(AuthorizedNode::line).distinct()
                .map(l -> l.getBytes(StandardCharsets.UTF_8))
                .sorted(Arrays::compareUnsigned)
                .toArray(byte[][]::new);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    sha.update((byte) '\n');
                }
                sha.update(lines[i]);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** True when {@code hash} is the hash of {@code nodes}: the check a proxy makes before it uses a list. */
    public boolean hashMatches() {
        return nodes != null && hashOf(nodes).equals(hash);
    }
}
