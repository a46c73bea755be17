package io.homefleet.provisioning.host;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.homefleet.provisioning.boot.BootTokens;
import io.homefleet.provisioning.lifecycle.HostLeases;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Installer;
import io.homefleet.provisioning.support.Names;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Two requests (or two replicas) at the same moment: each race ends with one winner, the others get a clear 4xx
 * (never a 5xx), and the stored host is what the winner made of it.
 */
@QuarkusTest
class HostRacesTest {
    static final int RACERS = 8;
    static final TomlMapper TOML = new TomlMapper();

    @Inject
    HostLeases leases;

    @Test
    void concurrentRegistrationsOfOneHostnameStoreOneHost() throws Exception {
        Names.Machine m = Names.next("race-name");
        List<Response> answers = race(i -> () -> Api.operator().body("{\"hostname\":\"" + m.hostname()
                + "\",\"mac\":\"" + Names.next("race-mac").mac() + "\",\"server_type\":\"minisforum-ms-01\"}")
                .post("/api/v1/hosts"));
        assertOneCreatedRestConflict(answers);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> HostEntity.count("id", m.hostname())));
    }

    @Test
    void concurrentRegistrationsOfOneMacStoreOneHost() throws Exception {
        Names.Machine m = Names.next("race-mac");
        List<Response> answers = race(i -> () -> Api.operator().body("{\"hostname\":\"" + m.hostname() + "-" + i
                + "\",\"mac\":\"" + m.mac() + "\",\"server_type\":\"minisforum-ms-01\"}").post("/api/v1/hosts"));
        assertOneCreatedRestConflict(answers);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> HostEntity.count("mac", m.mac())));
    }

    @Test
    void twoReplicasClaimingOneJoinLeaveOneOwner() throws Exception {
        Names.Machine m = Names.next("race-lease");
        Api.register(m, "minisforum-ms-01");
        QuarkusTransaction.requiringNew().run(() -> {
            HostEntity h = HostEntity.findById(m.hostname());
            h.state = HostState.FIRST_BOOT;
        });
        List<Boolean> claimed = race(i -> () -> leases.claim(m.hostname(), "replica-" + i, Duration.ofMinutes(5)));
        assertEquals(1, claimed.stream().filter(Boolean::booleanValue).count(), "exactly one replica holds the join");
        String winner = "replica-" + claimed.indexOf(true);
        assertEquals(winner, QuarkusTransaction.requiringNew().call(() ->
                HostEntity.<HostEntity>findById(m.hostname()).leaseOwner));
    }

    @Test
    void concurrentAnswerRequestsLeaveTheLastTokenValid() throws Exception {
        Names.Machine m = Names.next("race-answer");
        Api.register(m, "minisforum-ms-01");
        Api.operator().post("/api/v1/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);
        List<Response> answers = race(i -> () -> given().contentType("application/json")
                .body(Installer.systemInfo(m.mac())).post("/api/boot/answer"));
        List<String> tokens = new ArrayList<>();
        for (Response r : answers) {
            assertEquals(200, r.statusCode(), r.asString());
            tokens.add(TOML.readTree(r.asString()).at("/post-installation-webhook/auth-token").asText());
        }
        assertEquals(RACERS, tokens.stream().distinct().count(), "every answer carries its own install token");
        byte[] stored = QuarkusTransaction.requiringNew().call(() ->
                HostEntity.<HostEntity>findById(m.hostname()).bootTokenHash);
        assertEquals(1, tokens.stream().filter(t -> java.util.Arrays.equals(BootTokens.hash(t), stored)).count(),
                "the stored token is one of the answers' (the last one written)");
        assertEquals("installing", Api.state(m.hostname()));
        long answered = QuarkusTransaction.requiringNew().call(() -> TransitionEntity.count(
                "hostId = ?1 and toState = ?2", m.hostname(), HostState.INSTALLING));
        assertEquals(RACERS, answered, "each answer is one stored transition, none lost or doubled");
    }

    /** Runs {@link #RACERS} calls released at the same moment; answers their results in order. */
    static <T> List<T> race(IntFunction<Callable<T>> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<T> c = call.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    static void assertOneCreatedRestConflict(List<Response> answers) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(r -> statuses.merge(r.statusCode(), 1, Integer::sum));
        assertEquals(Map.of(201, 1, 409, RACERS - 1), statuses, "one 201, the rest 409: " + statuses + " "
                + answers.stream().filter(r -> r.statusCode() >= 500).map(Response::asString).findFirst().orElse(""));
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertTrue(
                r.contentType().startsWith("application/problem+json"), r.contentType()));
    }
}
