package io.homefleet.hub.approval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Disk-wipe approvals: {@code homefleet.hub.approval.*}. */
@ConfigMapping(prefix = "homefleet.hub.approval")
public interface ApprovalSettings {

    /**
     * A PEM private key to sign approvals with (RSA, or EC P-256 with its "PUBLIC KEY" block in the same file), e.g.
     * a mounted Kubernetes secret shared by every replica. Unset: {@code <data-dir>/approval-signing-key.pem},
     * generated (EC P-256, mode 0600) at first start.
     */
    Optional<String> signingKeyFile();

    /** How long an approval is valid; at most 15 minutes (agents refuse longer ones). */
    @WithDefault("10m")
    Duration lifetime();
}
