package io.homefleet.provisioning.support;

import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.testing.HubJar;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real hub (its jar) for hand-over tests, with a provisioning key issued by its operator API into a 0600 file. */
public final class TestHub implements AutoCloseable {
    public static final String OPERATOR = "hfo_hubOperatorTokenForProvisioningTestsOnly000";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HubJar jar;
    private final int port;

    public TestHub(Path dir) {
        this.port = StandInHost.freePort();
        this.jar = new HubJar(dir, List.of("quarkus.http.port=" + port, "homefleet.hub.operator.token=" + OPERATOR,
                "homefleet.hub.sweep.every=off", "homefleet.hub.retention.prune-cron=off"));
    }

    public TestHub start() throws Exception {
        jar.start(() -> get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(120));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Issues a provisioning key (hfr_) with the hub's operator API and writes it to {@code file} (0600). */
    public void issueProvisioningKey(Path file) throws Exception {
        HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/provisioning-keys"))
                .header("Authorization", "Bearer " + OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("the hub did not issue a provisioning key: " + issued.body());
        }
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"(hfr_[^\"]+)\"").matcher(issued.body());
        if (!key.find()) {
            throw new IllegalStateException("no provisioning key in " + issued.body());
        }
        AtomicFiles.writeSecret(file, (key.group(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** GET with the hub's operator token. */
    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + OPERATOR)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with any bearer token. */
    public HttpResponse<String> getWith(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        jar.stop();
    }
}
