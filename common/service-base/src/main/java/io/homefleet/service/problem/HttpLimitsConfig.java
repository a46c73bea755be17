package io.homefleet.service.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request limits the shared problem layer enforces early. */
@ConfigMapping(prefix = "homefleet.http")
public interface HttpLimitsConfig {
    /**
     * The largest request body; by default the HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}),
     * which is the one to set: it also bounds bodies sent without a length.
     */
    @WithDefault("${quarkus.http.limits.max-body-size:10M}")
    MemorySize maxBodySize();
}
