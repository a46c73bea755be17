package io.homefleet.service.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's version as its build stamped it: Maven filters {@code version=${project.version}} into the service's
 * {@code homefleet-<service>-version.properties}. Read once per service; usable before Quarkus starts (a CLI's
 * {@code --version}) as well as inside it. "unknown" when the file is absent (a build that did not filter it).
 */
public final class ServiceVersion {
    public static final String UNKNOWN = "unknown";
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private ServiceVersion() {
    }

    /** The version of {@code service} ({@code agent}, {@code controller}, {@code sensor-proxy}, {@code hub}, ...). */
    public static String of(String service) {
        return VERSIONS.computeIfAbsent(service, ServiceVersion::load);
    }

    private static String load(String service) {
        String resource = "homefleet-" + service + "-version.properties";
        // The file is in the service's jar; the context loader sees it also where service-base is loaded apart
        // from the application (Quarkus' dev and test modes).
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (InputStream in = context != null && context.getResource(resource) != null
                ? context.getResourceAsStream(resource)
                : ServiceVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
