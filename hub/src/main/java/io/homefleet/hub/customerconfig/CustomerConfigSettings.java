package io.homefleet.hub.customerconfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Customer configs and controller.yaml retrieval: {@code homefleet.hub.customer-config.*}. */
@ConfigMapping(prefix = "homefleet.hub.customer-config")
public interface CustomerConfigSettings {

    /**
     * The hub URL controllers reach, written to {@code hub.url} of every generated controller.yaml. Unset: the
     * template's value, and for a retrieval the URL the request came to.
     */
    Optional<String> hubUrl();

    /** Wrong retrieval passwords per customer within {@link #retrievalWindow()}; more are answered 429. */
    @WithDefault("5")
    int retrievalMaxFailures();

    @WithDefault("15m")
    Duration retrievalWindow();

    /** The largest template upload, in bytes; larger ones are answered 413. */
    @WithDefault("262144")
    int templateMaxBytes();
}
