package io.homefleet.hub.tempproxy;

import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.homefleet.service.tls.Fingerprint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Registers (and re-registers) a host's sensor proxy. */
@ApplicationScoped
public class TemperatureProxyService {

    @Inject
    CredentialService credentials;

    @Inject
    NodeListRepository nodeLists;

    @Inject
    HubConfig config;

    /**
     * Registers the proxy of the host the key belongs to. The host key already names the host; the body's
     * {@code hostname} must name that same host (its hostname, the hostname's first label, or its Proxmox node
     * name, ignoring case), else 404 naming the hostname: a key never learns whether some other host has that
     * name. Registering again keeps the instance id and replaces both tokens; the previous control token is
     * refused at once.
     */
    @Transactional
    public TemperatureProxyRegistered register(String hostId, TemperatureProxyRegistration body) {
        boolean http = body.kind() == TemperatureProxyRegistration.Kind.HTTP;
        String proxyUrl = blankToNull(body.proxyUrl());
        if (http && proxyUrl == null) {
            throw field("proxy_url", "is required for kind http (where the proxy's HTTPS listener is reached)");
        }
        if (!http && proxyUrl != null) {
            throw field("proxy_url", "is only for kind http; a socket proxy has no URL");
        }
        if (!http && blankToNull(body.certFingerprint()) != null) {
            throw field("cert_fingerprint", "is only for kind http; a socket proxy has no certificate");
        }
        // One registration per host at a time (a row lock until commit): concurrent first registrations would
        // otherwise both insert the proxy row, and concurrent re-registrations each rotate the other's token away.
        // Serialized, each is a re-registration of the one before: same instance id, the last one's tokens.
        io.homefleet.hub.host.HostEntity.findById(hostId, LockModeType.PESSIMISTIC_WRITE);
        NodeListRepository.HostNames host = nodeLists.host(hostId).orElse(null);
        if (host == null || !host.names(body.hostname())) {
            throw new ProblemException(ProblemException.problem(ProblemType.NOT_FOUND, "no host named '" + body.hostname()
                            + "' for this host key: it belongs to host '" + hostId + "'"
                            + (host == null ? "" : " (hostname '" + host.hostname() + "'"
                                    + (host.node() == null ? "" : ", node '" + host.node() + "'") + ")"))
                    .with("hostname", body.hostname()));
        }

        TemperatureProxyEntity proxy = TemperatureProxyEntity.findById(hostId);
        if (proxy == null) {
            proxy = new TemperatureProxyEntity();
            proxy.hostId = hostId;
            proxy.instanceId = UUID.randomUUID();
        }
        proxy.kind = body.kind().wireName();
        proxy.proxyUrl = proxyUrl;
        proxy.certFingerprint = canonicalFingerprint(body.certFingerprint());
        proxy.registeredAt = Instant.now();
        // The HTTPS token is the proxy's to check (the hub never calls proxies), so it is not a credential the
        // hub accepts: it lives here, hashed, only so an operator can tell which one a proxy holds (its hint).
        // It has the sensor-proxy prefix because it is a sensor-proxy secret; presented to the hub it is unknown.
        String httpToken = http ? Tokens.generate(TokenKind.PROXY) : null;
        proxy.httpTokenHash = http ? Tokens.sha256(httpToken) : null;
        proxy.httpTokenHint = http ? Tokens.hint(httpToken) : null;
        proxy.persist();

        String ctrlToken = credentials.rotate(TokenKind.PROXY, null, hostId).key();
        return new TemperatureProxyRegistered(ctrlToken, httpToken, proxy.instanceId, hostId, host.cluster(),
                nodeLists.nodes(hostId), refreshSeconds());
    }

    int refreshSeconds() {
        return (int) Math.max(1, config.temperatureProxy().refreshInterval().toSeconds());
    }

    /**
     * Stored as every Homefleet service prints it ({@code AB:CD:...}). Rows from older releases may hold
     * lower-case hex without colons: read them with {@link Fingerprint#parse}, which takes both.
     */
    private static String canonicalFingerprint(String fingerprint) {
        String f = blankToNull(fingerprint);
        if (f == null) {
            return null;
        }
        try {
            return Fingerprint.parse(f).toString();
        } catch (IllegalArgumentException e) {
            throw field("cert_fingerprint", e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ProblemException field(String field, String message) {
        return new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS, field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
