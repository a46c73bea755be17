package io.homefleet.sensorproxy.config;

import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.tls.TrustOptions;
import io.homefleet.service.version.ServiceVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** The hub's base URL as {@code control_plane.url} and {@code register --hub} accept it. */
public final class ControlPlaneUrl {
    private ControlPlaneUrl() {
    }

    /**
     * An absolute https URL (http only when allowed) with a host, no user info, query or fragment; any path is
     * kept as the prefix the hub is served under (e.g. behind an ingress), without a trailing slash.
     */
    public static URI parse(String text, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowPlainHttp) {
            throw new IllegalArgumentException("'" + text + "' is plain http: the control token would cross the "
                    + "network in clear; use https, or allow it explicitly (register --allow-plain-http, "
                    + "control_plane.allow_plain_http: true)");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("'" + text + "' must be an https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not carry user info, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * How the proxy reaches the hub at {@code base}, a URL {@link #parse} accepted (which decided on plain http, from
     * {@code control_plane.allow_plain_http} or {@code register --allow-plain-http}).
     */
    public static HubConnection connection(URI base, TrustOptions trust, Duration timeout) {
        return HubConnection.to(base).trusting(trust).withTimeout(timeout).allowingPlainHttp(true)
                .withUserAgent("homefleet-sensor-proxy/" + ServiceVersion.of("sensor-proxy"));
    }
}
