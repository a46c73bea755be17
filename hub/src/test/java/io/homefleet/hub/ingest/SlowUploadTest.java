package io.homefleet.hub.ingest;

import io.homefleet.service.testing.ErrorLog;
import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that announce a body and then stall (slowloris on the body) must not take the hub down: health and the
 * operator API answer at once, one key cannot hold more than its share, and the stalled requests end with a clear
 * 4xx, never a 500 or an error in the log. The test profile's upload timeout is 2 s.
 */
@QuarkusTest
class SlowUploadTest {
    private static final int STALLED = 300;
    private static final Duration FAST = Duration.ofSeconds(1);

    private ErrorLog errors;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void watchLog() {
        errors = ErrorLog.capture();
    }

    @AfterEach
    void stopWatching() {
        errors.close();
    }

    @Test
    void stalledUploadsLeaveHealthAndTheOperatorApiResponsive() throws Exception {
        // Spread over enough keys that each stays within its per-key share: every upload is admitted and stalls.
        List<String> keys = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String customer = Fleet.createCustomer(Fleet.uniqueId("slow"));
            customers.add(customer);
            keys.add(Fleet.customerKey(customer));
        }
        // Warm up the client and both endpoints, so what is measured below is the hub's answer alone.
        Duration idleHealth = timed("/healthz", null);
        Duration idleOperator = timed("/api/v1/customers?status=down", Fleet.OPERATOR_TOKEN);
        System.out.printf("Idle: /healthz %d ms, operator GET %d ms%n", idleHealth.toMillis(), idleOperator.toMillis());
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                stalled.add(stall(keys.get(i % keys.size()), customers.get(i % keys.size())));
            }
            Thread.sleep(300); // let the hub take up every one of them

            Duration health = timed("/healthz", null);
            Duration operator = timed("/api/v1/customers?status=down", Fleet.OPERATOR_TOKEN);
            System.out.printf("With %d stalled uploads: /healthz %d ms, operator GET %d ms%n", STALLED,
                    health.toMillis(), operator.toMillis());
            assertTrue(health.compareTo(FAST) < 0, "/healthz took " + health.toMillis() + " ms");
            assertTrue(operator.compareTo(FAST) < 0, "the operator API took " + operator.toMillis() + " ms");
            // A controller that sends its report whole is served too (the last key has 7 of its 8 uploads stalled).
            as(keys.get(keys.size() - 1)).body(Fleet.report(customers.get(keys.size() - 1))).post("/api/v1/report")
                    .then().statusCode(202);

            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Socket socket : stalled) {
                statuses.merge(statusOf(socket), 1, Integer::sum);
            }
            System.out.println("Stalled uploads ended with (status → count; 0 = closed without an answer): "
                    + statuses);
            assertTrue(statuses.keySet().stream().allMatch(s -> s == 408 || s == 0), statuses.toString());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertEquals(List.of(), errors.lines());
    }

    @Test
    void oneKeyGetsNoMoreThanItsShareOfUploads() throws Exception {
        String greedy = Fleet.createCustomer(Fleet.uniqueId("greedy"));
        String greedyKey = Fleet.customerKey(greedy);
        String polite = Fleet.createCustomer(Fleet.uniqueId("polite"));
        String politeKey = Fleet.customerKey(polite);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                stalled.add(stall(greedyKey, greedy));
            }
            Thread.sleep(300);
            as(greedyKey).body(Fleet.report(greedy)).post("/api/v1/report").then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("urn:homefleet:problem:rate-limited"));
            as(politeKey).body(Fleet.report(polite)).post("/api/v1/report").then().statusCode(202);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // Once its uploads are gone, the key is served again.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status;
        do {
            Thread.sleep(100);
            status = as(greedyKey).body(Fleet.report(greedy)).post("/api/v1/report").statusCode();
        } while (status == 429 && System.nanoTime() < deadline);
        assertEquals(202, status);
        assertEquals(List.of(), errors.lines());
    }

    @Test
    void bodiesArriveWhicheverWayTheClientSpeaksHttp() throws Exception {
        String customer = Fleet.createCustomer(Fleet.uniqueId("h2c"));
        String key = Fleet.customerKey(customer);
        for (HttpClient.Version version : HttpClient.Version.values()) {
            // HTTP_2 on a plain-text URL asks to upgrade (h2c) with the report as the upgrade request's body.
            HttpClient client = HttpClient.newBuilder().version(version).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/report"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Fleet.json(Fleet.report(customer))))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), version + ": " + response.body());
        }
        assertEquals(List.of(), errors.lines());
    }

    /** Sends a report's headers and its first bytes, then nothing more. */
    private static Socket stall(String key, String customer) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/report HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{\"customer_id\":\"" + customer)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The status code the hub answered on the socket, or 0 if it closed the connection without an answer. */
    private static int statusOf(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
        } catch (SocketTimeoutException e) {
            return -1; // still hanging: neither answered nor closed
        } catch (IOException e) {
            return 0;
        }
        String line = head.toString(StandardCharsets.US_ASCII);
        return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : 0;
    }

    private Duration timed(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            return Duration.ofSeconds(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
