package io.homefleet.agent.hub;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.common.contract.v1.CustomerRequest;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.problem.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's calls to the hub, over the shared hub client: the host report (with the host key) and, for
 * provisioning, creating a customer and issuing its key (with the hub operator token). Keys are read from their
 * files on each call so a rotation needs no restart; they are never logged.
 */
public class HubClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final HubApi hub;
    private final Path hostKeyFile;
    private final Path operatorTokenFile;

    public HubClient(HubConnection connection, Path hostKeyFile, Path operatorTokenFile) {
        this.hostKeyFile = hostKeyFile;
        this.operatorTokenFile = operatorTokenFile;
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

    /** Creates the customer unless it exists; a 409 (already there) is success. */
    public Outcome ensureCustomer(String id, String name, String domain) {
        try {
            hub.createCustomer(Credential.bearerFromFile(operatorTokenFile, TokenKind.OPERATOR),
                    new CustomerRequest(id, name, null, domain, null));
            return Outcome.accepted(null);
        } catch (HubException e) {
            if (e.status() == 409 || e.problemType() == ProblemType.CONFLICT) {
                return Outcome.accepted("customer exists");
            }
            return Outcome.of(e);
        }
    }

    /** Issues a new key for the customer (earlier keys stay valid) and returns it. */
    public IssuedKey issueCustomerKey(String customerId) throws IOException {
        try {
            return hub.issueCustomerKey(Credential.bearerFromFile(operatorTokenFile, TokenKind.OPERATOR), customerId);
        } catch (HubException e) {
            throw new IOException("hub refused to issue a customer key: " + e.getMessage(), e);
        }
    }
}
