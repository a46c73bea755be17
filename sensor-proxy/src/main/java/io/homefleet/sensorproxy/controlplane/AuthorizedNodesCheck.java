package io.homefleet.sensorproxy.controlplane;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.sensorproxy.Version;
import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.service.hubclient.Conditional;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub's temperature-proxy API as the proxy uses it, over the shared hub client: register with the host key, and
 * pull authorized-nodes with the control token and {@code If-None-Match}. A list is used only when it is whole and
 * consistent: one that is empty, fails its own hash or names a node the proxy could not use is refused here.
 */
public final class ControlPlaneClient {
    private static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private final HubHttpClient hub;

    /**
     * @param base the hub's URL as {@code ControlPlaneUrl.parse} accepted it (which decides on plain http, from
     *             {@code control_plane.allow_plain_http})
     */
    public ControlPlaneClient(URI base, TrustOptions trust, Duration timeout) throws IOException {
        this.hub = HubHttpClient.create(HubConnection.to(base).trusting(trust).withTimeout(timeout).allowingPlainHttp(true)
                .withUserAgent("homefleet-sensor-proxy/" + Version.current()));
    }

    public URI base() {
        return hub.baseUrl();
    }

    /** Registers (or re-registers, rotating the tokens) this host's proxy. */
    public TemperatureProxyRegistered register(String hostKey, TemperatureProxyRegistration registration) throws HubException {
        TemperatureProxyRegistered registered = hub.registerTemperatureProxy(Credential.bearer(hostKey), registration);
        if (registered.ctrlToken() == null || registered.ctrlToken().isBlank()) {
            throw rejected("the registration answer has no ctrl_token");
        }
        return registered;
    }

    /** The current list, or empty when it is still {@code etag} (304). */
    public Optional<AuthorizedNodes> authorizedNodes(String token, String etag) throws HubException {
        Conditional<AuthorizedNodes> answer = hub.authorizedNodes(Credential.proxyToken(token), etag);
        return answer.isNotModified() ? Optional.empty() : Optional.of(validate(answer.value()));
    }

    /** Checks an authorized-nodes answer; every way it can be unusable is a REJECTED failure. */
    static AuthorizedNodes validate(AuthorizedNodes list) throws HubException {
        if (list.nodes() == null) {
            throw rejected("the answer has no nodes");
        }
        if (list.nodes().isEmpty()) {
            throw rejected("the list is empty (a proxy's own host is always on it)");
        }
        if (list.nodes().stream().anyMatch(n -> n == null || n.name() == null || n.name().isBlank())) {
            throw rejected("a node has no name");
        }
        if (list.hash() == null || !HASH.matcher(list.hash()).matches()) {
            throw rejected("the hash '" + list.hash() + "' is not sha256:<64 hex digits>");
        }
        if (!list.hashMatches()) {
            throw rejected("the nodes do not hash to " + list.hash() + " (computed "
                    + AuthorizedNodes.hashOf(list.nodes()) + ")");
        }
        if (list.updatedAt() == null) {
            throw rejected("the answer has no updated_at");
        }
        try {
            AllowedNodes.fromAuthorized(list.nodes());
        } catch (IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
        return list;
    }

    private static HubException rejected(String why) {
        return new HubException(HubException.Kind.REJECTED, "the hub's answer was refused: " + why);
    }
}
