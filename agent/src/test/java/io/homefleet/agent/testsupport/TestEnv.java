package io.homefleet.agent.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a test needs to know about the environment {@link AgentTestEnvironment} built for the running agent. */
public final class TestEnv {
    public static final String HOST_ID = "pve-test-01";
    public static final String GOLDEN_ARCHIVE = "local:backup/vzdump-lxc-9100-2026_06_11-11_55_03.tar.zst";
    static final String APPROVAL_SIGNING_KEY = "hub-approval-signing.pem";
    static final String LOCAL_OPERATOR_TOKEN = "local-operator.token";
    private static final ObjectMapper JSON = Json.mapper();

    private TestEnv() {
    }

    public static Path configFile() {
        return Path.of(ConfigProvider.getConfig().getValue("homefleet.agent.config-file", String.class));
    }

    public static Path dir() {
        return configFile().getParent();
    }

    public static AgentConfig config() {
        return AgentConfigLoader.load(configFile());
    }

    public static String operatorToken() {
        return read(dir().resolve(LOCAL_OPERATOR_TOKEN));
    }

    public static String hostKey() {
        return read(dir().resolve("host.key"));
    }

    public static PrivateKey approvalSigningKey() {
        return Approvals.readPrivateKey(read(dir().resolve(APPROVAL_SIGNING_KEY)));
    }

    public static String hubUrl() {
        return config().hub().url();
    }

    /** Every pvesh call the agent made, in order: verb, path, params. */
    public static List<JsonNode> pveshCalls() {
        Path calls = dir().resolve("pvesh-standin-state/calls.jsonl");
        List<JsonNode> out = new ArrayList<>();
        try {
            if (Files.exists(calls)) {
                for (String line : Files.readAllLines(calls)) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static JsonNode pveshState() {
        try {
            return JSON.readTree(dir().resolve("pvesh-standin-state/state.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a container that provisioning did not create into the stand-in's state, as another admin would. */
    public static void addForeignContainer(int vmid, String hostname) throws IOException {
        Path file = dir().resolve("pvesh-standin-state/state.json");
        com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode ct = ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers"))
                .putObject(Integer.toString(vmid));
        ct.putObject("config").put("hostname", hostname).put("unprivileged", 1);
        ct.put("status", "running");
        ct.putArray("starts");
        Files.writeString(file, JSON.writeValueAsString(state));
    }

    /** Makes the next pvesh call matching verb and path regex fail once with {@code message}. */
    public static void failNextPvesh(String verb, String pathRegex, String message) {
        failNextPvesh(verb, pathRegex, "", message);
    }

    /** Like {@link #failNextPvesh(String, String, String)}, only for calls that carry {@code param}. */
    public static void failNextPvesh(String verb, String pathRegex, String param, String message) {
        try {
            Path file = dir().resolve("pvesh-standin-state/fail-next.json");
            List<Object> rules = new ArrayList<>();
            if (Files.exists(file)) {
                rules.addAll(JSON.readValue(file.toFile(), List.class));
            }
            rules.add(Map.of("verb", verb, "path_regex", pathRegex, "message", message, "param", param));
            Files.writeString(file, JSON.writeValueAsString(rules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the hub stand-in answer the next call to {@code path} with {@code status}. */
    public static void failNextHubCall(String path, int status) {
        hub("/_standin/fail-next", JSON.createObjectNode().put("path", path).put("status", status).toString());
    }

    public static JsonNode hubReports() {
        return hub("/_standin/reports", null);
    }

    /** Places the customer's guest on this host in the hub stand-in, as the operator does in the hub. */
    public static void placeOnHub(String customerId, int vmid) {
        hub("/_standin/place", JSON.createObjectNode().put("customer_id", customerId).put("vmid", vmid).toString());
    }

    public static JsonNode hubIssuedCustomerKeys() {
        return hub("/_standin/customer-keys", null);
    }

    private static JsonNode hub(String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hubUrl() + path));
            if (body != null) {
                request.POST(HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
