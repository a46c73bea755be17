package io.homefleet.provisioning.handover;

import io.homefleet.common.contract.v1.HostRequest;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.join.StepFailed;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers a joined host with the hub and gives it a fresh host key, with the hub provisioning key ({@code hfr_}): a
 * credential that may do exactly that and nothing else, never the operator token. Registering again is harmless
 * (an existing host is a 409 the hand-over accepts). The key comes from the hub's rotate call, which revokes every
 * earlier key of the host: one issued by a hand-over attempt that failed later, or the key of the machine's previous
 * installation. Getting the key is what proves the host exists on the hub.
 */
@ApplicationScoped
public class HubHandover {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HubHandover.class);

    /** The client for the hub settings last used: one HTTP client (and its connections) for every hand-over. */
    private final AtomicReference<Map.Entry<ProvisioningFile.Hub, HubHttpClient>> clients = new AtomicReference<>();

    /** The host on the hub (created unless it exists) and a new host key for it. */
    public IssuedKey register(ProvisioningFile.Hub hub, String hostId, String nodeName, String cluster, String address)
            throws StepFailed {
        HubHttpClient client;
        try {
            client = client(hub);
        } catch (IOException | RuntimeException e) {
            throw new StepFailed("hub", "cannot set up the hub client for " + hub.url() + ": " + e.getMessage(), null, null);
        }
        try {
            Credential key = Credential.bearerFromFile(hub.provisioningKeyFile(), TokenKind.PROVISIONING);
            HubException createFailed = null;
            try {
                client.call("POST", "/api/v1/hosts", key, new HostRequest(hostId, nodeName, cluster,
                        address == null ? List.of() : List.of(address)), Void.class);
            } catch (HubException e) {
                if (e.status() != 409) { // 409: registered by an earlier attempt of this hand-over
                    createFailed = e;
                }
            }
            try {
                IssuedKey issued = client.call("POST", "/api/v1/hosts/" + hostId + "/keys/rotate", key, null,
                        IssuedKey.class);
                if (createFailed != null) {
                    // The key was issued, so the host exists on the hub: the create's answer was wrong, not the create.
                    LOG.warnf("the hub answered %s to registering %s, yet issued its key; carrying on",
                            createFailed.getMessage(), hostId);
                }
                return issued;
            } catch (HubException e) {
                throw createFailed != null ? createFailed : e;
            }
        } catch (HubException e) {
            throw new StepFailed("hub", "the hub refused or could not be reached: " + e.getMessage(),
                    e.status() > 0 ? e.status() : null, null);
        }
    }

    private HubHttpClient client(ProvisioningFile.Hub hub) throws IOException {
        Map.Entry<ProvisioningFile.Hub, HubHttpClient> cached = clients.get();
        if (cached != null && cached.getKey().equals(hub)) {
            return cached.getValue();
        }
        HubHttpClient created = HubHttpClient.create(connection(hub));
        clients.set(Map.entry(hub, created));
        return created;
    }

    private static HubConnection connection(ProvisioningFile.Hub hub) throws IOException {
        TrustOptions trust = hub.pinnedFingerprint() != null
                ? TrustOptions.pinned(Fingerprint.parse(hub.pinnedFingerprint()))
                : hub.caFile() != null ? TrustOptions.caBundle(hub.caFile()) : TrustOptions.jvmDefault();
        return HubConnection.of(hub.url(), trust, hub.allowPlainHttp()).withUserAgent("homefleet-provisioning");
    }
}
