package io.homefleet.sensorproxy;

import org.eclipse.microprofile.config.ConfigProvider;

/** The application version Quarkus stamps in at build time. */
public final class Version {
    private Version() {
    }

    public static String current() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
    }
}
