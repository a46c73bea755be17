package io.homefleet.sensorproxy.controlplane;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.sensorproxy.config.ControlPlaneUrl;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The tests' calls to the hub, made as the sync and {@code register} make them. */
final class HubPulls {
    private HubPulls() {
    }

    static HubApi client(URI base, TrustOptions trust, Duration timeout) throws IOException {
        return HubHttpClient.create(ControlPlaneUrl.connection(base, trust, timeout));
    }

    /** A pull with the control token, checked as the sync checks it; empty for a 304. */
    static Optional<AuthorizedNodes> authorizedNodes(HubApi hub, String token, String etag) throws HubException {
        return AuthorizedNodesCheck.checked(hub.authorizedNodes(Credential.proxyToken(token), etag));
    }
}
