package io.homefleet.hub.db;

import static io.homefleet.hub.support.Fleet.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Eight simultaneous creates of one thing over real HTTP: one is created, the others learn it exists (409), or, where
 * doing it again is the documented behaviour (a proxy registers again), get that answer; never a 500.
 */
@QuarkusTest
class ConcurrentCreateTest {
    private static final int THREADS = 8;

    @Inject
    Db db;

    @Test
    void eightCreatesOfOneCustomerIdGiveOne201AndSeven409() throws Exception {
        String id = Fleet.uniqueId("race");
        List<Response> answers = simultaneously(() -> Fleet.operator()
                .body(Map.of("id", id, "name", "Customer " + id)).post("/api/v1/customers"));
        assertEquals(Map.of(201, 1L, 409, 7L), statuses(answers), bodies(answers));
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> {
            assertEquals("application/problem+json", r.contentType());
            assertEquals("urn:homefleet:problem:conflict", r.path("type"));
        });
        assertEquals(1, db.count("SELECT count(*) FROM customers WHERE id = ?", id));
    }

    @Test
    void eightCreatesOfOneHostIdGiveOne201AndSeven409() throws Exception {
        String id = Fleet.uniqueId("race-host");
        List<Response> answers = simultaneously(() -> Fleet.operator()
                .body(Map.of("id", id, "hostname", id + ".lan", "cluster", "c-race", "addresses", List.of("10.9.0.1")))
                .post("/api/v1/hosts"));
        assertEquals(Map.of(201, 1L, 409, 7L), statuses(answers), bodies(answers));
        assertEquals(1, db.count("SELECT count(*) FROM hosts WHERE id = ?", id));
    }

    @Test
    void eightFirstRegistrationsOfOneProxyAreEightRegistrationsOfTheSameInstance() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("race-proxy"), "c-race", List.of("10.9.0.2"));
        String key = Fleet.hostKey(host);
        List<Response> answers = simultaneously(() -> as(key)
                .body(Map.of("hostname", host + ".lan", "kind", "socket"))
                .post("/api/v1/temperature-proxy/register"));
        // Registering again is allowed and keeps the instance id (docs/hub.md): all succeed, as one instance.
        assertEquals(Map.of(200, 8L), statuses(answers), bodies(answers));
        assertEquals(1, answers.stream().map(r -> r.path("instance_id")).distinct().count());
        assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ?", host));
        // Exactly one control token stays valid: the last registration's.
        assertEquals(1, db.count("SELECT count(*) FROM credentials WHERE kind = 'PROXY' AND host_id = ?"
                + " AND revoked_at IS NULL", host));
    }

    private static List<Response> simultaneously(Supplier<Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.get();
                }));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Long> statuses(List<Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
    }

    private static String bodies(List<Response> answers) {
        return answers.stream().map(r -> r.statusCode() + " " + r.asString()).collect(Collectors.joining("\n"));
    }
}
