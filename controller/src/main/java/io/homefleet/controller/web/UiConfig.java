package io.homefleet.controller.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Settings of the web UI that are not part of controller.yaml. */
@ConfigMapping(prefix = "homefleet.controller.ui")
public interface UiConfig {

    /** The time zone the pages show times in. */
    @WithDefault("Europe/Budapest")
    ZoneId timeZone();
}
