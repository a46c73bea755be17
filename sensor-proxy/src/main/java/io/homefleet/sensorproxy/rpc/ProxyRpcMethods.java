package io.homefleet.sensorproxy.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.SensorProxyStatus;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import io.homefleet.service.audit.AuditLog;
import io.homefleet.service.audit.Durability;
import io.homefleet.sensorproxy.config.AllowedNodesFile;
import io.homefleet.sensorproxy.config.ConfigException;
import io.homefleet.sensorproxy.config.NodeNames;
import io.homefleet.sensorproxy.sensors.TemperatureService;
import io.homefleet.sensorproxy.socket.Capability;
import io.homefleet.sensorproxy.socket.PeerAccess;
import io.homefleet.sensorproxy.socket.PeerCredentials;
import io.homefleet.sensorproxy.socket.RpcException;
import io.homefleet.sensorproxy.socket.RpcMethods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The socket's methods. Reading needs {@code read}. The administrative methods need {@code admin}; those
 * that change state on disk ({@code register_nodes}, {@code request_cleanup}) need {@code write} as well.
 */
public final class ProxyRpcMethods implements RpcMethods {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final int MAX_NODES_PER_CALL = 256;
    private static final Map<String, Set<Capability>> REQUIRED = Map.of(
            "get_status", EnumSet.of(Capability.READ),
            "get_temperature", EnumSet.of(Capability.READ),
            "get_temperatures", EnumSet.of(Capability.READ),
            "register_nodes", EnumSet.of(Capability.ADMIN, Capability.WRITE),
            "request_cleanup", EnumSet.of(Capability.ADMIN, Capability.WRITE),
            "ensure_cluster_keys", EnumSet.of(Capability.ADMIN));
    private static final Set<String> READS = Set.of("get_status", "get_temperature", "get_temperatures");

    private final TemperatureService temperatures;
    private final AllowedNodesFile allowedNodesFile;
    /** The hub's URL when the control plane decides the list (register_nodes is then refused), else null. */
    private final String managedBy;
    private final Path cleanupRequest;
    private final ClusterKeys clusterKeys;
    private final AuditLog audit;
    private final Supplier<SensorProxyStatus> status;

    public ProxyRpcMethods(TemperatureService temperatures, AllowedNodesFile allowedNodesFile, String managedBy,
                           Path cleanupRequest, ClusterKeys clusterKeys, AuditLog audit, Supplier<SensorProxyStatus> status) {
        this.temperatures = temperatures;
        this.allowedNodesFile = allowedNodesFile;
        this.managedBy = managedBy;
        this.cleanupRequest = cleanupRequest;
        this.clusterKeys = clusterKeys;
        this.audit = audit;
        this.status = status;
    }

    @Override
    public Set<Capability> required(String method) {
        return REQUIRED.get(method);
    }

    @Override
    public boolean isRead(String method) {
        return READS.contains(method);
    }

    @Override
    public JsonNode call(String method, JsonNode params, PeerCredentials peer, PeerAccess access) throws RpcException {
        return switch (method) {
            case "get_status" -> getStatus(access);
            case "get_temperature" -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.rawValueNode(
                    new com.fasterxml.jackson.databind.util.RawValue(temperatures.getJson(requiredText(params, "node"))));
            case "get_temperatures" -> MAPPER.valueToTree(temperatures.getAll());
            case "register_nodes" -> registerNodes(params, peer);
            case "request_cleanup" -> requestCleanup(params, peer);
            case "ensure_cluster_keys" -> clusterKeys.ensure(temperatures.access().allowed().sweepTargets());
            default -> throw new RpcException("unknown_method", "unknown method '" + method + "'");
        };
    }

    private JsonNode getStatus(PeerAccess access) {
        List<String> caps = access.capabilities().stream().sorted().map(Capability::label).toList();
        return MAPPER.valueToTree(status.get().withPeer(new SensorProxyStatus.Peer(access.description(), caps)));
    }

    private JsonNode registerNodes(JsonNode params, PeerCredentials peer) throws RpcException {
        if (managedBy != null) {
            throw new RpcException("managed_by_control_plane", "the hub at " + managedBy + " decides the allowed "
                    + "nodes; add the host to the hub (or set legacy_allowlist: true) instead");
        }
        JsonNode nodes = params.get("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty() || nodes.size() > MAX_NODES_PER_CALL) {
            throw new RpcException("bad_request", "params.nodes must be a list of 1.." + MAX_NODES_PER_CALL + " node names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (!n.isTextual()) {
                throw new RpcException("bad_request", "params.nodes must hold strings");
            }
            names.add(n.textValue());
        }
        boolean replace = params.path("replace").asBoolean(false);
        try {
            List<String> written = allowedNodesFile.update(names, replace);
            audit.record("allowed_nodes_changed", Map.of("peer_uid", peer.uid(), "replace", replace, "entries", written),
                    Durability.FORCED);
            ObjectNode out = MAPPER.createObjectNode();
            out.set("allowed_nodes", MAPPER.valueToTree(written));
            return out;
        } catch (ConfigException e) {
            throw new RpcException("bad_request", String.join("; ", e.problems()));
        } catch (IOException e) {
            throw new RpcException("internal", "cannot write " + allowedNodesFile.path() + ": " + e.getMessage());
        }
    }

    private JsonNode requestCleanup(JsonNode params, PeerCredentials peer) throws RpcException {
        String node = requiredText(params, "node");
        var problem = NodeNames.problem(node);
        if (problem.isPresent()) {
            throw new RpcException("bad_request", problem.get());
        }
        ObjectNode request = MAPPER.createObjectNode();
        request.put("node", node);
        request.put("requested_at", Instant.now().toString());
        request.put("requested_by_uid", peer.uid());
        try {
            // A systemd path unit watches this file and runs the cleanup with root's own access.
            AtomicFiles.write(cleanupRequest, MAPPER.writeValueAsString(request).getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new RpcException("internal", "cannot write the cleanup request: " + e.getMessage());
        }
        audit.record("cleanup_requested", Map.of("peer_uid", peer.uid(), "node", node), Durability.FORCED);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("queued", cleanupRequest.toString());
        return out;
    }

    private static String requiredText(JsonNode params, String field) throws RpcException {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new RpcException("bad_request", "params." + field + " is required (a string)");
        }
        return v.textValue();
    }

    /** Checks that the proxy's key opens every node, and says what to add where it does not. */
    public interface ClusterKeys {
        JsonNode ensure(List<String> nodes) throws RpcException;
    }
}
