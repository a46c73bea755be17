package io.homefleet.hub.approval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Disk-wipe approvals: {@code homefleet.hub.approval.*}. */
@ConfigMapping(prefix = "homefleet.hub.approval")
public interface ApprovalSettings {

    /**
     * A PEM private key (RSA as PKCS#1 or PKCS#8, or EC P-256 as "EC PRIVATE KEY") to sign approvals with, e.g. a
     * mounted Kubernetes secret shared by every replica. Unset: {@code <data-dir>/approval-signing-key.pem},
     * generated (RSA 3072, mode 0600) at first start.
     */
    Optional<String> signingKeyFile();

    /** How long an approval is valid; at most 15 minutes (agents refuse longer ones). */
    @WithDefault("10m")
    Duration lifetime();
}
