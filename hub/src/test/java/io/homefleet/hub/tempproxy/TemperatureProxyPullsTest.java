package io.homefleet.hub.tempproxy;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Eventually;
import io.homefleet.hub.support.Fleet;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** How pulls are recorded (in batches) and how list hashes are answered from memory without going stale. */
@QuarkusTest
class TemperatureProxyPullsTest {
    private static final String NODES = "/api/v1/temperature-proxy/authorized-nodes";
    private static final String FLUSH_JOB = "temperature-proxy-pulls";

    @Inject
    Db db;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Inject
    PullRecorder recorder;

    @Inject
    ListHashes lists;

    @Inject
    HubConfig config;

    @Test
    void repeatPullsWaitInMemoryAndAreShownWhenHostsAreRead() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("pve-batch"), Fleet.uniqueId("batch"), List.of("10.20.0.1"));
        String ctrl = register(host);
        scheduler.pause(FLUSH_JOB);
        try {
            // The first pull of a hash is written at once.
            AuthorizedNodes first = pull(ctrl);
            Instant written = lastPull(host);
            assertNotNull(written, "a pull of a new hash is stored at once");
            assertEquals(first.hash(), lastHash(host));

            Thread.sleep(20);
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            notModified(ctrl, first.hash());
            assertEquals(written, lastPull(host), "a repeat of the same hash waits for the next flush");
            assertTrue(recorder.pendingCount() >= 1);

            // An operator reading the host sees the pull: this replica writes what waits before the read.
            Instant shown = Instant.parse(Fleet.operator().get("/api/v1/hosts/" + host).then().statusCode(200)
                    .body("temperature_proxy.last_hash", equalTo(first.hash()))
                    .body("temperature_proxy.hash_current", equalTo(true))
                    .extract().path("temperature_proxy.last_pull_at"));
            assertTrue(shown.isAfter(written) && !shown.isBefore(before), shown + " after " + before);
            assertEquals(shown, lastPull(host));

            // The list of hosts too.
            Thread.sleep(20);
            notModified(ctrl, first.hash());
            Instant listed = Instant.parse(Fleet.operator().get("/api/v1/hosts").then().statusCode(200)
                    .extract().path("find { it.id == '" + host + "' }.temperature_proxy.last_pull_at"));
            assertTrue(listed.isAfter(shown), listed + " after " + shown);
        } finally {
            scheduler.resume(FLUSH_JOB);
        }

        // Nobody reads: the scheduled flush writes it within pull-flush-interval.
        Instant stored = lastPull(host);
        Thread.sleep(20);
        notModified(ctrl, lastHash(host));
        Duration interval = config.temperatureProxy().pullFlushInterval();
        assertTrue(within(interval.plusSeconds(2), () -> lastPull(host).isAfter(stored)),
                "the scheduled flush wrote the pull within " + interval);
    }

    @Test
    void aPullOfANewHashIsWrittenAtOnce() throws Exception {
        String cluster = Fleet.uniqueId("newhash");
        String host = Fleet.createHost(Fleet.uniqueId("pve-new"), cluster, List.of("10.21.0.1"));
        String ctrl = register(host);
        scheduler.pause(FLUSH_JOB);
        try {
            AuthorizedNodes first = pull(ctrl);
            notModified(ctrl, first.hash());
            Fleet.createHost(Fleet.uniqueId("pve-new2"), cluster, List.of("10.21.0.2"));
            Fleet.operator().get("/api/v1/hosts/" + host).then().body("temperature_proxy.hash_current", equalTo(false));
            AuthorizedNodes second = pull(ctrl);
            assertNotEquals(first.hash(), second.hash());
            // Straight from the table: no flush ran, none was asked for.
            assertEquals(second.hash(), lastHash(host));
            assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies p JOIN hosts h ON h.id = p.host_id "
                    + "JOIN temperature_proxy_lists l ON l.scope = temperature_proxy_scope(h.cluster, h.id) "
                    + "WHERE p.host_id = ? AND p.last_hash = l.hash", host));
        } finally {
            scheduler.resume(FLUSH_JOB);
        }
    }

    @Test
    void anOlderPullNeverReplacesANewerOne() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("pve-old"), Fleet.uniqueId("old"), List.of("10.22.0.1"));
        String ctrl = register(host);
        AuthorizedNodes first = pull(ctrl);
        Instant newest = lastPull(host);
        // As from a replica whose clock or flush is behind: a repeat pull, and one of another hash.
        recorder.record(host, new PullRecorder.Pull(newest.minusSeconds(30), first.hash()));
        recorder.flush();
        assertEquals(newest, lastPull(host));
        recorder.record(host, new PullRecorder.Pull(newest.minusSeconds(20), "sha256:" + "0".repeat(64)));
        assertEquals(newest, lastPull(host));
        assertEquals(first.hash(), lastHash(host));
    }

    @Test
    void whatWaitsIsWrittenWhenTheHubStops() throws Exception {
        String host = Fleet.createHost(Fleet.uniqueId("pve-stop"), Fleet.uniqueId("stop"), List.of("10.23.0.1"));
        String ctrl = register(host);
        scheduler.pause(FLUSH_JOB);
        try {
            AuthorizedNodes first = pull(ctrl);
            Instant written = lastPull(host);
            Thread.sleep(20);
            notModified(ctrl, first.hash());
            assertEquals(written, lastPull(host));

            recorder.stop(null); // what the hub's shutdown does
            Instant flushed = lastPull(host);
            assertTrue(flushed.isAfter(written), flushed + " after " + written);
            // Pulls still answered while the hub stops are written at once.
            Thread.sleep(20);
            notModified(ctrl, first.hash());
            assertTrue(lastPull(host).isAfter(flushed));
        } finally {
            recorder.start(null);
            scheduler.resume(FLUSH_JOB);
        }
    }

    @Test
    void concurrentPollsAreAllAnsweredAndRecorded() throws Exception {
        String cluster = Fleet.uniqueId("conc");
        List<String> hosts = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String host = Fleet.createHost(Fleet.uniqueId("pve-conc" + i), cluster, List.of("10.24.0." + (i + 1)));
            hosts.add(host);
            tokens.add(register(host));
        }
        for (String ctrl : tokens) {
            hashes.add(pull(ctrl).hash());
        }
        scheduler.pause(FLUSH_JOB);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<Future<Integer>> polls = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < tokens.size(); i++) {
                    String ctrl = tokens.get(i);
                    String etag = round == 0 ? "\"" + hashes.get(i) + "\"" : null;
                    Callable<Integer> poll = () -> (etag == null ? given().header("X-Proxy-Token", ctrl)
                            : given().header("X-Proxy-Token", ctrl).header("If-None-Match", etag))
                            .get(NODES).statusCode();
                    polls.add(pool.submit(poll));
                }
            }
            int notModified = 0;
            for (Future<Integer> f : polls) {
                int status = f.get();
                assertTrue(status == 200 || status == 304, "answered " + status);
                notModified += status == 304 ? 1 : 0;
            }
            assertEquals(tokens.size(), notModified);
            Instant end = Instant.now();
            for (int i = 0; i < hosts.size(); i++) {
                Response view = Fleet.operator().get("/api/v1/hosts/" + hosts.get(i));
                Instant last = Instant.parse(view.path("temperature_proxy.last_pull_at"));
                assertTrue(!last.isBefore(start) && !last.isAfter(end), last + " within " + start + ".." + end);
                assertEquals(hashes.get(i), view.path("temperature_proxy.last_hash"));
                assertEquals(Boolean.TRUE, view.path("temperature_proxy.hash_current"));
            }
        } finally {
            pool.shutdown();
            scheduler.resume(FLUSH_JOB);
        }
    }

    @Test
    void anUnchangedListIsAnsweredFromMemoryUntilANotificationDropsIt() throws Exception {
        String cluster = Fleet.uniqueId("mem");
        String scope = "cluster:" + cluster;
        String host = Fleet.createHost(Fleet.uniqueId("pve-mem"), cluster, List.of("10.25.0.1"));
        String ctrl = register(host);
        assertTrue(within(Duration.ofSeconds(5), lists::usable), "the hub listens for list changes");
        AuthorizedNodes first = pull(ctrl);
        notModified(ctrl, first.hash());
        try {
            // The stored hash changes without a notification: memory still answers, so no database was read.
            db.update("UPDATE temperature_proxy_lists SET hash = ? WHERE scope = ?", "sha256:" + "0".repeat(64),
                    scope);
            notModified(ctrl, first.hash());
            // The trigger's notification for the scope drops what memory holds: the next poll reads the table.
            db.strings("SELECT pg_notify(?, ?)::text", ListHashes.CHANNEL, scope);
            assertTrue(within(bound(), () -> poll(ctrl, first.hash()) == 200), "dropped within " + bound());
        } finally {
            db.strings("SELECT temperature_proxy_refresh(?)::text", scope);
            db.strings("SELECT pg_notify(?, ?)::text", ListHashes.CHANNEL, scope);
        }
        assertTrue(within(bound(), () -> poll(ctrl, first.hash()) == 304));
    }

    @Test
    void aChangeWrittenElsewhereReachesTheNextPollWithinTheBound() throws Exception {
        String cluster = Fleet.uniqueId("repl");
        String host = Fleet.createHost(Fleet.uniqueId("pve-repl"), cluster, List.of("10.26.0.1"));
        String ctrl = register(host);
        AuthorizedNodes first = pull(ctrl);
        notModified(ctrl, first.hash());
        // Another replica (or anything writing to PostgreSQL) adds a host to the cluster.
        String joined = Fleet.uniqueId("pve-repl-b");
        long changed = System.nanoTime();
        db.update("INSERT INTO hosts (id, hostname, cluster, addresses) VALUES (?, ?, ?, ARRAY['10.26.0.2'])", joined,
                joined + ".lan", cluster);
        assertTrue(within(bound(), () -> poll(ctrl, first.hash()) == 200), "seen within " + bound());
        assertTrue(System.nanoTime() - changed <= bound().plusMillis(500).toNanos());
        assertTrue(pull(ctrl).nodes().contains(new AuthorizedNode(joined + ".lan", "10.26.0.2")));
    }

    @Test
    void aReplicaThatStopsHearingChangesStopsUsingMemoryWithinTheBound() throws Exception {
        String cluster = Fleet.uniqueId("silent");
        String host = Fleet.createHost(Fleet.uniqueId("pve-silent"), cluster, List.of("10.27.0.1"));
        String ctrl = register(host);
        assertTrue(within(Duration.ofSeconds(5), lists::usable));
        AuthorizedNodes first = pull(ctrl);
        notModified(ctrl, first.hash());
        lists.silence(true); // as if its connection hung: no notifications, no heartbeats
        try {
            Thread.sleep(50);
            String joined = Fleet.createHost(Fleet.uniqueId("pve-silent-b"), cluster, List.of("10.27.0.2"));
            Thread.sleep(bound().plusMillis(100).toMillis());
            assertFalse(lists.usable(), "memory is not used once the bound passed without a heartbeat");
            AuthorizedNodes after = given().header("X-Proxy-Token", ctrl).header("If-None-Match",
                    "\"" + first.hash() + "\"").get(NODES).then().statusCode(200).extract().as(AuthorizedNodes.class);
            assertTrue(after.nodes().contains(new AuthorizedNode(joined + ".lan", "10.27.0.2")));
        } finally {
            lists.silence(false);
        }
        assertTrue(within(Duration.ofSeconds(5), lists::usable), "memory is used again once heartbeats answer");
    }

    @Test
    void aLostListeningConnectionIsReplaced() throws Exception {
        String cluster = Fleet.uniqueId("lost");
        String host = Fleet.createHost(Fleet.uniqueId("pve-lost"), cluster, List.of("10.28.0.1"));
        String ctrl = register(host);
        assertTrue(within(Duration.ofSeconds(5), lists::usable));
        AuthorizedNodes first = pull(ctrl);
        notModified(ctrl, first.hash());
        List<String> before = listenerPids();
        assertEquals(1, before.size(), "one listening connection: " + before);
        db.strings("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE application_name = ?",
                ListHashes.APPLICATION_NAME);
        // A change while the listener is gone is not missed: it reaches the next poll within the bound.
        Fleet.createHost(Fleet.uniqueId("pve-lost-b"), cluster, List.of("10.28.0.2"));
        assertTrue(within(bound(), () -> poll(ctrl, first.hash()) == 200));
        assertTrue(within(Duration.ofSeconds(10), () -> lists.usable() && listenerPids().size() == 1
                && !listenerPids().equals(before)), "listening again on a new connection");
    }

    private Duration bound() {
        return config.temperatureProxy().listStalenessBound();
    }

    private List<String> listenerPids() {
        return db.strings("SELECT pid::text FROM pg_stat_activity WHERE application_name = ?",
                ListHashes.APPLICATION_NAME);
    }

    /** Every 150 ms: slow enough for the proxy rate limit. */
    private static boolean within(Duration time, BooleanSupplier condition) throws InterruptedException {
        return Eventually.within(time, Duration.ofMillis(150), condition);
    }

    private static String register(String host) {
        return as(Fleet.hostKey(host)).body(Map.of("hostname", host + ".lan", "kind", "socket"))
                .post("/api/v1/temperature-proxy/register").then().statusCode(200).extract().path("ctrl_token");
    }

    private static AuthorizedNodes pull(String ctrl) {
        AuthorizedNodes nodes = given().header("X-Proxy-Token", ctrl).get(NODES).then().statusCode(200)
                .extract().as(AuthorizedNodes.class);
        assertTrue(nodes.hashMatches());
        return nodes;
    }

    private static void notModified(String ctrl, String hash) {
        given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"" + hash + "\"").get(NODES).then()
                .statusCode(304);
    }

    private static int poll(String ctrl, String hash) {
        return given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"" + hash + "\"").get(NODES)
                .statusCode();
    }

    private Instant lastPull(String host) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT last_pull_at FROM temperature_proxies WHERE host_id = ?")) {
            ps.setString(1, host);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no proxy for " + host);
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String lastHash(String host) {
        return db.strings("SELECT last_hash FROM temperature_proxies WHERE host_id = ?", host).get(0);
    }
}
