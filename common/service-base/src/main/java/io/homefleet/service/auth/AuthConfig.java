package io.homefleet.service.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** How the shared bearer-token mechanism reads credentials. */
@ConfigMapping(prefix = "homefleet.auth")
public interface AuthConfig {
    /**
     * A header accepted in place of {@code Authorization: Bearer} (the hub: {@code X-Proxy-Token}, which sensor
     * proxies written against the seed send).
     */
    Optional<String> alternativeTokenHeader();
}
