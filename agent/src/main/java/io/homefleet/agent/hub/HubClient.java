package io.homefleet.agent.hub;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's calls to the hub, over the shared hub client, all with the host key: the host report and, for
 * provisioning, the customer key of a guest the operator placed on this host. The key is read from its file on each
 * call so a rotation needs no restart; it is never logged.
 */
public class HubClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final HubApi hub;
    private final Path hostKeyFile;

    public HubClient(HubConnection connection, Path hostKeyFile) {
        this.hostKeyFile = hostKeyFile;
        try {
            this.hub = HubHttpClient.create(connection.withTimeout(TIMEOUT).withUserAgent("homefleet-agent"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the hub client: " + e.getMessage(), e);
        }
    }

    /** The hub as agent.yaml names it: its url, the trust chosen there, plain http as its validation allowed. */
    public static HubConnection connection(AgentConfig.Hub hub) {
        return HubConnection.to(URI.create(hub.url())).trusting(hub.trust()).allowingPlainHttp(hub.plainHttpAccepted());
    }

    /**
     * What a call came to: accepted, refused by the hub (with its words), or not answered (worth retrying, at least
     * after {@code retryAfter} when the hub named one). {@code status} is the hub's error status, 0 when it accepted
     * or did not answer.
     */
    public record Outcome(Kind kind, int status, String detail, Duration retryAfter) {
        public enum Kind { ACCEPTED, REJECTED, UNREACHABLE }

        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }

        static Outcome accepted(String detail) {
            return new Outcome(Kind.ACCEPTED, 0, detail, null);
        }

        static Outcome of(HubException e) {
            if (e.kind() == HubException.Kind.NO_CREDENTIAL) {
                return new Outcome(Kind.REJECTED, 0, e.getMessage(), null);
            }
            return new Outcome(e.retryable() ? Kind.UNREACHABLE : Kind.REJECTED, e.status(), e.getMessage(), e.retryAfter());
        }
    }

    public Outcome postHostReport(HostReport report) {
        try {
            hub.postHostReport(Credential.bearerFromFile(hostKeyFile, TokenKind.HOST), report);
            return Outcome.accepted(null);
        } catch (HubException e) {
            return Outcome.of(e);
        }
    }

    /**
     * The customer's key for guest {@code vmid} of host {@code hostId}, which the hub issues only for the customer the
     * operator placed there (revoking the key it issued for this guest before); its refusal comes back in its words.
     */
    public IssuedKey issueGuestCustomerKey(String hostId, int vmid, String customerId) throws IOException {
        try {
            return hub.issueGuestCustomerKey(Credential.bearerFromFile(hostKeyFile, TokenKind.HOST), hostId, vmid,
                    customerId);
        } catch (HubException e) {
            throw new IOException("hub refused to issue the customer key for guest " + vmid + ": " + e.getMessage(), e);
        }
    }
}
