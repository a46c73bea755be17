package io.homefleet.controller;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The controller's version, stamped into the build by Maven. */
public final class ControllerVersion {
    private static final String VERSION = load();

    private ControllerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ControllerVersion.class.getResourceAsStream("/homefleet-controller-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
