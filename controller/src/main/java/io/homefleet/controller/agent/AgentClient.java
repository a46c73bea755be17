package io.homefleet.controller.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.contract.v1.DiskFormatRequest;
import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.json.Json;
import io.homefleet.service.version.ServiceVersion;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubConnection;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's local API as this guest calls it: HTTPS to exactly the certificate whose fingerprint the bootstrap
 * named (service-base pinning), with this guest's token read from its file at each call. The JSON client is
 * service-base's (it is not specific to the hub: problem+json answers become exceptions carrying the agent's words).
 */
public final class AgentClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final ControllerConfig.LocalApi api;
    private final HubHttpClient http;

    public AgentClient(ControllerConfig.LocalApi api) throws IOException {
        this.api = api;
        this.http = HubHttpClient.create(HubConnection.to(URI.create(api.baseUrl()))
                .trusting(TrustOptions.pinned(Fingerprint.parse(api.fingerprint())))
                .withTimeout(TIMEOUT)
                .withUserAgent("homefleet-controller/" + ServiceVersion.of("controller")));
    }

    public ControllerConfig.LocalApi api() {
        return api;
    }

    public HostMetrics hostMetrics() throws HubException {
        return http.call("GET", "/host/metrics", token(), null, HostMetrics.class);
    }

    public DiskInventory disks() throws HubException {
        return http.call("GET", "/disks", token(), null, DiskInventory.class);
    }

    public List<HostStorage> storages() throws HubException {
        Storages answer = http.call("GET", "/storage", token(), null, Storages.class);
        return answer == null || answer.storages() == null ? List.of() : answer.storages();
    }

    /**
     * Asks the agent to format {@code device}; a refusal (data-bearing, in use) comes back as its result with
     * {@code formatted=false} and the pending operation, never as an exception.
     *
     * @throws HubException when the agent could not be asked or answered something else (bad request, outage)
     */
    public DiskFormatResult format(String device, String fstype, String approval) throws HubException {
        DiskFormatRequest request = new DiskFormatRequest(api.vmid(), device, fstype, approval);
        try {
            return http.call("POST", "/disks/format", token(), request, DiskFormatResult.class);
        } catch (HubException e) {
            if (e.status() == 403 && e.problem() != null && e.problem().extensions().containsKey("formatted")) {
                Map<String, Object> members = new LinkedHashMap<>(e.problem().extensions());
                return Json.mapper().convertValue(members, new TypeReference<DiskFormatResult>() { });
            }
            throw e;
        }
    }

    private Credential token() throws HubException {
        return Credential.bearerFromFile(api.tokenFile(), TokenKind.GUEST);
    }

    /** The body of the agent's {@code GET /storage}. */
    @ContractRecord
    record Storages(List<HostStorage> storages) {
    }
}
