package io.homefleet.controller.containers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.homefleet.common.contract.v1.ControllerReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The customer's containers (name, image, state, health) from the Docker Engine API over its Unix socket: Docker's,
 * or Podman's compatible service ({@code podman system service}). Only {@code GET /containers/json?all=1} is used,
 * through docker-java's transport and model.
 */
public final class DockerContainers implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Path socket;
    private final DockerHttpClient http;

    public DockerContainers(Path socket) {
        this.socket = socket;
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create("unix://" + socket.toAbsolutePath()))
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(20))
                .maxConnections(2)
                .build();
    }

    public Path socket() {
        return socket;
    }

    /** @throws IOException when the Docker API does not answer or answers an error, with the socket named */
    public List<ControllerReport.ContainerEntry> list() throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/containers/json?all=1").build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IOException("the Docker API at " + socket + " answered HTTP " + response.getStatusCode());
            }
            Container[] containers = JSON.readValue(body, Container[].class);
            List<ControllerReport.ContainerEntry> entries = new ArrayList<>();
            for (Container c : containers) {
                String health = health(c.getStatus());
                if (health == null && "running".equals(c.getState())) {
                    health = inspectHealth(c.getId());
                }
                entries.add(new ControllerReport.ContainerEntry(name(c), c.getImage(), c.getState(), health));
            }
            return entries;
        } catch (RuntimeException e) {
            throw new IOException("cannot reach the Docker API at " + socket + ": " + rootMessage(e), e);
        }
    }

    /**
     * Docker puts the health in the list's status text; Podman's compatible list does not, so a running container's
     * health is read from its inspection ({@code State.Health.Status}); null when it has no health check.
     */
    private String inspectHealth(String id) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/containers/" + id + "/json").build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                return null;
            }
            String status = JSON.readTree(body).path("State").path("Health").path("Status").asText("");
            return status.isEmpty() || status.equals("none") ? null : status;
        }
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        String first = names == null || names.length == 0 ? c.getId() : Arrays.stream(names).sorted().findFirst().get();
        return first != null && first.startsWith("/") ? first.substring(1) : first;
    }

    /** The health the Engine API puts in the status text: "Up 2 minutes (healthy)"; null when there is no check. */
    static String health(String status) {
        if (status == null) {
            return null;
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (s.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (s.contains("(healthy)")) {
            return "healthy";
        }
        if (s.contains("(health: starting)") || s.contains("(starting)")) {
            return "starting";
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
