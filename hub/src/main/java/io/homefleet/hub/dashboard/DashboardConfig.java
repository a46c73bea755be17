package io.homefleet.hub.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dashboard settings ({@code homefleet.dashboard.*}). */
@ConfigMapping(prefix = "homefleet.dashboard")
public interface DashboardConfig {
    /** Temperatures (°C) at or above this are shown as warm on the host pages. */
    @WithDefault("70")
    double temperatureWarn();

    /** Temperatures (°C) at or above this are shown as critical. */
    @WithDefault("85")
    double temperatureCritical();
}
