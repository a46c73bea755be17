package io.homefleet.controller.agent;

import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.status.ControllerState;
import io.homefleet.service.hubclient.HubException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The channel to the host agent: verified at start and every {@code intervals.agent_check} (the seed's 2a: a dead
 * channel must show, and recover by itself once the agent knows the token), with the last host metrics, disks and
 * storages kept for the pages. A 401 says plainly that the agent does not know this guest's token and what to do.
 */
public final class AgentLink {
    private static final Logger LOG = Logger.getLogger(AgentLink.class);
    private final Clock clock;
    private AgentClient client;
    private volatile ControllerState.AgentLink state = new ControllerState.AgentLink("unconfigured",
            "no local_api in controller.yaml: host metrics, disks and storage paths are not available", null);
    private volatile HostMetrics hostMetrics;
    private volatile DiskInventory disks;
    private volatile List<HostStorage> storages;

    public AgentLink(Clock clock) {
        this.clock = clock;
    }

    /** Uses {@code api} from now on (null: no agent); a changed endpoint, pin or token file takes effect at once. */
    public synchronized void configure(ControllerConfig.LocalApi api) {
        if (api == null || api.endpoint() == null) {
            client = null;
            state = new ControllerState.AgentLink("unconfigured",
                    "no local_api in controller.yaml: host metrics, disks and storage paths are not available", null);
            return;
        }
        if (client != null && Objects.equals(client.api(), api)) {
            return;
        }
        try {
            client = new AgentClient(api);
            state = new ControllerState.AgentLink("checking", "not checked yet", null);
        } catch (IOException | IllegalArgumentException e) {
            client = null;
            state = new ControllerState.AgentLink("unconfigured", "cannot set up the local API client: " + e.getMessage(),
                    clock.instant());
        }
    }

    /** Verifies the channel and refreshes what the pages show; logs only when the state changes. */
    public void check() {
        AgentClient c;
        synchronized (this) {
            c = client;
        }
        if (c == null) {
            return;
        }
        ControllerState.AgentLink before = state;
        try {
            storages = c.storages();
            hostMetrics = c.hostMetrics();
            disks = c.disks();
            state = new ControllerState.AgentLink("ok", "local API at " + c.api().endpoint() + " verified (pinned "
                    + "certificate, guest token accepted)", clock.instant());
        } catch (HubException e) {
            state = failure(c.api(), e);
        }
        if (!before.state().equals(state.state())) {
            if ("ok".equals(state.state())) {
                LOG.infof("local-api: %s", state.message());
            } else {
                LOG.warnf("local-api: %s", state.message());
            }
        }
    }

    /** The agent link's state for a failure, in words that say what to do. */
    ControllerState.AgentLink failure(ControllerConfig.LocalApi api, HubException e) {
        Instant now = clock.instant();
        if (e.kind() == HubException.Kind.NO_CREDENTIAL) {
            return new ControllerState.AgentLink("unauthorized", "no usable guest token: " + e.getMessage(), now);
        }
        if (e.status() == 401) {
            return new ControllerState.AgentLink("unauthorized", "the agent does not know this guest's token (HTTP 401 "
                    + "from " + api.endpoint() + "). On the host, mint one with `agent tokens mint --vmid " + api.vmid()
                    + "` and write it to " + api.tokenFile() + " (0600), or re-provision the guest; the agent accepts "
                    + "new tokens without a restart, and this controller retries by itself", now);
        }
        if (e.status() == 403) {
            return new ControllerState.AgentLink("unauthorized", "the agent refused this guest's token: "
                    + e.getMessage() + " (local_api.vmid is " + api.vmid() + ")", now);
        }
        if (e.kind() == HubException.Kind.UNREACHABLE) {
            String why = e.getMessage().replaceFirst("^cannot reach the hub at \\S+: ", "");
            return new ControllerState.AgentLink("unreachable", "cannot reach the agent's local API at "
                    + api.endpoint() + ": " + why + (why.contains("fingerprint") ? " (local_api.fingerprint must be "
                    + "the one the agent logs at start)" : ""), now);
        }
        return new ControllerState.AgentLink("unreachable", "the agent's local API at " + api.endpoint()
                + " answered " + e.getMessage(), now);
    }

    public ControllerState.AgentLink state() {
        return state;
    }

    public Optional<HostMetrics> hostMetrics() {
        return Optional.ofNullable(hostMetrics);
    }

    public Optional<DiskInventory> disks() {
        return Optional.ofNullable(disks);
    }

    public Optional<List<HostStorage>> storages() {
        return Optional.ofNullable(storages);
    }

    /** A fresh call for the JSON API; the answer also refreshes what the pages show. */
    public <T> T fresh(Call<T> call) throws AgentUnavailableException {
        AgentClient c;
        synchronized (this) {
            c = client;
        }
        if (c == null) {
            throw new AgentUnavailableException(state.message(), null, true);
        }
        try {
            return call.on(c);
        } catch (HubException e) {
            ControllerState.AgentLink failed = failure(c.api(), e);
            if (e.status() == 401 || e.kind() == HubException.Kind.UNREACHABLE || e.kind() == HubException.Kind.NO_CREDENTIAL) {
                state = failed;
            }
            throw new AgentUnavailableException(failed.message(), e, false);
        }
    }

    public HostMetrics freshHostMetrics() throws AgentUnavailableException {
        HostMetrics m = fresh(AgentClient::hostMetrics);
        hostMetrics = m;
        return m;
    }

    public DiskInventory freshDisks() throws AgentUnavailableException {
        DiskInventory d = fresh(AgentClient::disks);
        disks = d;
        return d;
    }

    public List<HostStorage> freshStorages() throws AgentUnavailableException {
        List<HostStorage> s = fresh(AgentClient::storages);
        storages = s;
        return s;
    }

    public DiskFormatResult format(String device, String fstype, String approval) throws AgentUnavailableException {
        return fresh(c -> c.format(device, fstype, approval));
    }

    @FunctionalInterface
    public interface Call<T> {
        T on(AgentClient client) throws HubException;
    }

    /** The agent could not answer; the message says why and what to do; {@link #cause()} has the status. */
    public static final class AgentUnavailableException extends Exception {
        private final transient HubException hubException;
        private final boolean notConfigured;

        AgentUnavailableException(String message, HubException cause, boolean notConfigured) {
            super(message, cause);
            this.hubException = cause;
            this.notConfigured = notConfigured;
        }

        /** No usable {@code local_api} in controller.yaml: asking again will not help until it is configured. */
        public boolean notConfigured() {
            return notConfigured;
        }

        public HubException agentAnswer() {
            return hubException;
        }
    }
}
