package io.homefleet.agent.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.process.ProcessRunner;
import io.homefleet.common.contract.v1.HostStorage;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ProxmoxApi} over {@code pvesh}, the Proxmox API shell that runs as root on the host (bind mounts need
 * root): {@code pvesh get|create|set <path> [--param value ...] --output-format json}.
 */
public class PveshProxmoxApi implements ProxmoxApi {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private final Path pvesh;
    private final String node;

    public PveshProxmoxApi(Path pvesh, String node) {
        this.pvesh = pvesh;
        this.node = node;
    }

    @Override
    public List<HostStorage> storages() {
        Map<String, JsonNode> configs = new HashMap<>();
        for (JsonNode config : get("/storage").orElseThrow()) {
            configs.put(config.path("storage").asText(), config);
        }
        List<HostStorage> out = new ArrayList<>();
        for (JsonNode status : get("/nodes/" + node + "/storage").orElseThrow()) {
            String name = status.path("storage").asText();
            JsonNode config = configs.getOrDefault(name, JSON.createObjectNode());
            String content = text(status, "content").orElse(text(config, "content").orElse(""));
            out.add(new HostStorage(name,
                    text(status, "type").orElse(text(config, "type").orElse(null)),
                    text(config, "path").orElse(null),
                    content.isBlank() ? List.of() : Arrays.stream(content.split(",")).map(String::trim).sorted().toList(),
                    number(status, "total"), number(status, "used"), number(status, "avail"),
                    flag(status, "active"), flag(status, "enabled"), flag(status, "shared")));
        }
        return out;
    }

    @Override
    public Map<String, String> diskUsage() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode disk : get("/nodes/" + node + "/disks/list").orElseThrow()) {
            String used = disk.path("used").asText("");
            if (!used.isBlank()) {
                out.put(disk.path("devpath").asText(), used);
            }
        }
        return out;
    }

    @Override
    public List<ContainerSummary> containers() {
        List<ContainerSummary> out = new ArrayList<>();
        for (JsonNode ct : get("/nodes/" + node + "/lxc").orElseThrow()) {
            out.add(new ContainerSummary(ct.path("vmid").asInt(), ct.path("name").asText(null),
                    ct.path("status").asText(null), ct.path("tags").asText(null)));
        }
        return out;
    }

    @Override
    public Optional<JsonNode> containerConfig(int vmid) {
        return get("/nodes/" + node + "/lxc/" + vmid + "/config");
    }

    @Override
    public String restoreContainer(int vmid, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("vmid", Integer.toString(vmid));
        all.putAll(parameters);
        all.put("restore", "1");
        return call("create", "/nodes/" + node + "/lxc", all).asText();
    }

    @Override
    public void updateContainerConfig(int vmid, Map<String, String> parameters) {
        call("set", "/nodes/" + node + "/lxc/" + vmid + "/config", parameters);
    }

    @Override
    public String startContainer(int vmid) {
        return call("create", "/nodes/" + node + "/lxc/" + vmid + "/status/start", Map.of()).asText();
    }

    @Override
    public Optional<String> containerStatus(int vmid) {
        return get("/nodes/" + node + "/lxc/" + vmid + "/status/current").map(s -> s.path("status").asText());
    }

    @Override
    public TaskStatus taskStatus(String upid) {
        if (!upid.matches("^UPID:[A-Za-z0-9:@._!-]+$")) {
            throw new ProxmoxException("Proxmox returned an unexpected task id: " + upid);
        }
        String path = "/nodes/" + node + "/tasks/" + upid + "/status";
        JsonNode status = get(path).orElseThrow(() -> new ProxmoxException("task " + upid + " is unknown"));
        return new TaskStatus(status.path("status").asText(), status.path("exitstatus").asText(null));
    }

    private Optional<JsonNode> get(String path) {
        ProcessRunner.Result result = ProcessRunner.run(
                List.of(pvesh.toString(), "get", path, "--output-format", "json"), CALL_TIMEOUT);
        if (!result.ok()) {
            if (result.stderr().contains("does not exist")) {
                return Optional.empty();
            }
            throw new ProxmoxException("pvesh get " + path + " failed: " + firstLine(result.stderr()));
        }
        return Optional.of(parse(result.stdout(), path));
    }

    private JsonNode call(String verb, String path, Map<String, String> parameters) {
        List<String> command = new ArrayList<>(List.of(pvesh.toString(), verb, path));
        parameters.forEach((key, value) -> {
            command.add("--" + key);
            command.add(value);
        });
        command.add("--output-format");
        command.add("json");
        ProcessRunner.Result result = ProcessRunner.run(command, CALL_TIMEOUT);
        if (!result.ok()) {
            throw new ProxmoxException("pvesh " + verb + " " + path + " failed: " + firstLine(result.stderr()));
        }
        return result.stdout().isBlank() ? JSON.nullNode() : parse(result.stdout(), path);
    }

    private static JsonNode parse(String stdout, String path) {
        try {
            return JSON.readTree(stdout);
        } catch (IOException e) {
            throw new ProxmoxException("pvesh answered " + path + " with something that is not JSON");
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }

    private static Boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt() != 0 || value.asBoolean();
    }
}
