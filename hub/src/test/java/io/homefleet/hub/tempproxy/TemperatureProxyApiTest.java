package io.homefleet.hub.tempproxy;

import static io.homefleet.hub.support.Fleet.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemperatureProxyApiTest {
    private static final String V1 = "/api/v1/temperature-proxy";
    private static final String SEED = "/api/temperature-proxy";

    @Inject
    Db db;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void registersWithItsHostKeyAndPullsItsList() {
        String cluster = Fleet.uniqueId("reg");
        String host = Fleet.createHost(Fleet.uniqueId("pve-reg"), cluster, List.of("10.1.0.1"));
        String key = Fleet.hostKey(host);
        ExtractableResponse<Response> reg = as(key).body(Map.of("hostname", host + ".lan", "kind", "socket"))
                .post(V1 + "/register").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("ctrl_token", startsWith("hfp_"))
                .body("http_token", nullValue())
                .body("host_id", equalTo(host))
                .body("cluster", equalTo(cluster))
                .body("allowed_nodes", hasSize(1))
                .body("allowed_nodes[0].name", equalTo(host + ".lan"))
                .body("allowed_nodes[0].ip", equalTo("10.1.0.1"))
                .body("refresh_interval", equalTo(60))
                .extract();
        String ctrl = reg.path("ctrl_token");
        // Only the SHA-256 is stored, as a sensor-proxy credential of this host.
        assertEquals(1, db.count("SELECT count(*) FROM credentials WHERE kind = 'PROXY' AND host_id = ? "
                + "AND revoked_at IS NULL AND token_hash = ?", host, Tokens.sha256(ctrl)));

        Fleet.operator().get("/api/v1/hosts/" + host).then().statusCode(200)
                .body("temperature_proxy.registered", equalTo(true))
                .body("temperature_proxy.kind", equalTo("socket"))
                .body("temperature_proxy.instance_id", equalTo(reg.path("instance_id")))
                .body("temperature_proxy.last_pull_at", nullValue())
                .body("temperature_proxy.hash_current", equalTo(false));

        AuthorizedNodes viaHeader = given().header("X-Proxy-Token", ctrl).get(V1 + "/authorized-nodes").then()
                .statusCode(200).extract().as(AuthorizedNodes.class);
        assertEquals(List.of(new AuthorizedNode(host + ".lan", "10.1.0.1")), viaHeader.nodes());
        assertTrue(viaHeader.hashMatches(), "the hash is the contract's hash of the nodes");
        assertEquals(60, viaHeader.refreshInterval());
        AuthorizedNodes viaBearer = as(ctrl).get(V1 + "/authorized-nodes").then().statusCode(200)
                .extract().as(AuthorizedNodes.class);
        assertEquals(viaHeader, viaBearer);

        // The SQL hash of the host views agrees with the Java one the proxy checks.
        Fleet.operator().get("/api/v1/hosts").then().statusCode(200)
                .body("find { it.id == '" + host + "' }.temperature_proxy.last_hash", equalTo(viaHeader.hash()))
                .body("find { it.id == '" + host + "' }.temperature_proxy.hash_current", equalTo(true))
                .body("find { it.id == '" + host + "' }.temperature_proxy.last_pull_at", not(nullValue()));
        String other = Fleet.createHost(Fleet.uniqueId("pve-none"), cluster, List.of());
        Fleet.operator().get("/api/v1/hosts/" + other).then()
                .body("temperature_proxy.registered", equalTo(false))
                .body("temperature_proxy.kind", nullValue());
    }

    @Test
    void theHostnameMustNameTheKeysHost() {
        String cluster = Fleet.uniqueId("names");
        String a = Fleet.createHost(Fleet.uniqueId("pve-a"), cluster, List.of("10.2.0.1"));
        String b = Fleet.createHost(Fleet.uniqueId("pve-b"), cluster, List.of("10.2.0.2"));
        String keyB = Fleet.hostKey(b);

        // B's key naming host A: 404 naming the hostname, and nothing registered for either host.
        as(keyB).body(Map.of("hostname", a + ".lan", "kind", "socket")).post(V1 + "/register").then()
                .statusCode(404).contentType("application/problem+json")
                .body("hostname", equalTo(a + ".lan"))
                .body("detail", containsString("'" + a + ".lan'"));
        as(keyB).body(Map.of("hostname", "nowhere", "kind", "socket")).post(V1 + "/register").then()
                .statusCode(404).body("hostname", equalTo("nowhere"));
        assertEquals(0, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id IN (?, ?)", a, b));
        assertEquals(0, db.count("SELECT count(*) FROM credentials WHERE kind = 'PROXY' AND host_id IN (?, ?)", a, b));

        // B's key with B's short name (the first label, upper case) or its Proxmox node name registers B.
        as(keyB).body(Map.of("hostname", b.toUpperCase(), "kind", "socket")).post(V1 + "/register").then()
                .statusCode(200).body("host_id", equalTo(b));
        Map<String, Object> report = new HashMap<>(Fleet.hostReport(b));
        report.put("cluster", cluster);
        report.put("node", "pve-node-b");
        as(keyB).body(report).post("/api/v1/hosts/" + b + "/report").then().statusCode(202);
        as(keyB).body(Map.of("hostname", "pve-node-b", "kind", "socket")).post(V1 + "/register").then()
                .statusCode(200).body("host_id", equalTo(b))
                .body("allowed_nodes.name", containsInAnyOrder(a + ".lan", "pve-node-b"));
    }

    @Test
    void wrongKindsOfTokenAreRefusedNamingBoth() {
        String customer = Fleet.createCustomer(Fleet.uniqueId("tp-cust"));
        String host = Fleet.createHost(Fleet.uniqueId("pve-kind"), Fleet.uniqueId("kind"), List.of());
        Map<String, String> body = Map.of("hostname", host + ".lan", "kind", "socket");
        as(Fleet.customerKey(customer)).body(body).post(V1 + "/register").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("customer key used where a host key is required"))
                .body("required", equalTo("host key")).body("presented", equalTo("customer key"));
        Fleet.operator().body(body).post(SEED + "/register").then().statusCode(403)
                .body("presented", equalTo("operator token"));
        assertEquals(0, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ?", host));
        String hostKey = Fleet.hostKey(host);
        String ctrl = register(hostKey, host, "socket").path("ctrl_token");
        as(ctrl).body(body).post(V1 + "/register").then().statusCode(403)
                .body("presented", equalTo("sensor-proxy token"));
        given().header("X-Proxy-Token", hostKey).get(V1 + "/authorized-nodes").then().statusCode(403)
                .body("detail", equalTo("host key used where a sensor-proxy token is required"));
    }

    @Test
    void registeringAgainRotatesBothTokens() {
        String host = Fleet.createHost(Fleet.uniqueId("pve-rot"), Fleet.uniqueId("rot"), List.of("10.3.0.1"));
        String key = Fleet.hostKey(host);
        ExtractableResponse<Response> first = register(key, host, "http");
        String oldCtrl = first.path("ctrl_token");
        String oldHttp = first.path("http_token");
        assertTrue(oldHttp.startsWith("hfp_"));
        as(oldCtrl).get(V1 + "/authorized-nodes").then().statusCode(200);

        ExtractableResponse<Response> second = register(key, host, "http");
        assertEquals((String) first.path("instance_id"), second.path("instance_id"));
        assertNotEquals(oldCtrl, second.path("ctrl_token"));
        assertNotEquals(oldHttp, second.path("http_token"));
        as(oldCtrl).get(V1 + "/authorized-nodes").then().statusCode(401)
                .body("detail", equalTo("unknown or revoked sensor-proxy token"));
        as((String) second.path("ctrl_token")).get(V1 + "/authorized-nodes").then().statusCode(200);
        // The HTTPS token is only the proxy's to check: stored hashed, never accepted by the hub.
        assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ? AND http_token_hash = ?",
                host, Tokens.sha256(second.path("http_token"))));
        as((String) second.path("http_token")).get(V1 + "/authorized-nodes").then().statusCode(401);

        // Switching to socket drops the HTTPS token and URL.
        register(key, host, "socket");
        assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ? AND kind = 'socket' "
                + "AND http_token_hash IS NULL AND proxy_url IS NULL", host));
    }

    @Test
    void theCertificateFingerprintIsAcceptedInEverySpellingAndStoredInTheCanonicalOne() {
        String host = Fleet.createHost(Fleet.uniqueId("pve-fp"), Fleet.uniqueId("fp"), List.of("10.3.0.9"));
        String key = Fleet.hostKey(host);
        String plain = "0123456789abcdef".repeat(4);
        String canonical = java.util.HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(java.util.HexFormat.of().parseHex(plain));
        for (String spelling : List.of(plain, plain.toUpperCase(java.util.Locale.ROOT), canonical,
                canonical.toLowerCase(java.util.Locale.ROOT), "sha256:" + plain, "SHA256:" + canonical,
                "sha256 Fingerprint=" + canonical)) {
            as(key).body(Map.of("hostname", host + ".lan", "kind", "http", "proxy_url", "https://" + host + ".lan:8444",
                    "cert_fingerprint", spelling)).post(V1 + "/register").then().statusCode(200);
            assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ? AND cert_fingerprint = ?",
                    host, canonical), spelling);
        }
        as(key).body(Map.of("hostname", host + ".lan", "kind", "http", "proxy_url", "https://" + host + ".lan:8444",
                "cert_fingerprint", "md5:" + plain)).post(V1 + "/register").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("cert_fingerprint"));
    }

    @Test
    void eachProxySeesOnlyItsOwnClusterDeduplicated() {
        String east = Fleet.uniqueId("east");
        String west = Fleet.uniqueId("west");
        String e1 = Fleet.createHost(Fleet.uniqueId("pve-e1"), east, List.of("10.4.0.1", "fd00::41"));
        Fleet.createHost(Fleet.uniqueId("pve-e2"), east, List.of("10.4.0.2"));
        // The same machine entered twice under two ids: one entry.
        String twin = Fleet.uniqueId("pve-twin");
        Fleet.operator().body(Map.of("id", twin + "-a", "hostname", twin + ".lan", "cluster", east,
                "addresses", List.of("10.4.0.9"))).post("/api/v1/hosts").then().statusCode(201);
        Fleet.operator().body(Map.of("id", twin + "-b", "hostname", twin + ".lan", "cluster", east,
                "addresses", List.of("10.4.0.9"))).post("/api/v1/hosts").then().statusCode(201);
        String w1 = Fleet.createHost(Fleet.uniqueId("pve-w1"), west, List.of("10.5.0.1"));
        // A host in no cluster may read only itself, even sharing an address with a clustered host.
        String lone = Fleet.uniqueId("pve-lone");
        Fleet.operator().body(Map.of("id", lone, "hostname", lone + ".lan", "addresses", List.of("10.4.0.1")))
                .post("/api/v1/hosts").then().statusCode(201);

        String eastCtrl = register(Fleet.hostKey(e1), e1, "socket").path("ctrl_token");
        String westCtrl = register(Fleet.hostKey(w1), w1, "socket").path("ctrl_token");
        as(eastCtrl).get(V1 + "/authorized-nodes").then().statusCode(200)
                .body("nodes.ip", containsInAnyOrder("10.4.0.1", "fd00::41", "10.4.0.2", "10.4.0.9"))
                .body("nodes.name", not(org.hamcrest.Matchers.hasItem(w1 + ".lan")));
        as(westCtrl).get(V1 + "/authorized-nodes").then().statusCode(200)
                .body("nodes", hasSize(1)).body("nodes[0].name", equalTo(w1 + ".lan"));
        String loneCtrl = register(Fleet.hostKey(lone), lone, "socket").path("ctrl_token");
        as(loneCtrl).get(V1 + "/authorized-nodes").then().statusCode(200)
                .body("nodes", hasSize(1)).body("nodes[0].name", equalTo(lone + ".lan"));
    }

    @Test
    void etagAndIfNoneMatch() {
        String host = Fleet.createHost(Fleet.uniqueId("pve-etag"), Fleet.uniqueId("etag"), List.of("10.6.0.1"));
        String ctrl = register(Fleet.hostKey(host), host, "socket").path("ctrl_token");
        ExtractableResponse<Response> first = as(ctrl).get(SEED + "/authorized-nodes").then().statusCode(200)
                .extract();
        String hash = first.path("hash");
        assertEquals("\"" + hash + "\"", first.header("ETag"));
        given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"" + hash + "\"")
                .get(V1 + "/authorized-nodes").then().statusCode(304).header("ETag", "\"" + hash + "\"")
                .body(emptyString());
        given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"sha256:00\", W/\"" + hash + "\"")
                .get(SEED + "/authorized-nodes").then().statusCode(304);
        given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"sha256:stale\"")
                .get(V1 + "/authorized-nodes").then().statusCode(200).body("hash", equalTo(hash));
        // A 304 is a pull too: recorded with its hash.
        assertEquals(1, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ? AND last_hash = ? "
                + "AND last_pull_at > now() - interval '1 minute'", host, hash));
    }

    @Test
    void pullsAreRateLimitedPerProxy() {
        String cluster = Fleet.uniqueId("rate");
        String h1 = Fleet.createHost(Fleet.uniqueId("pve-r1"), cluster, List.of());
        String h2 = Fleet.createHost(Fleet.uniqueId("pve-r2"), cluster, List.of());
        String ctrl1 = register(Fleet.hostKey(h1), h1, "socket").path("ctrl_token");
        String ctrl2 = register(Fleet.hostKey(h2), h2, "socket").path("ctrl_token");
        for (int i = 0; i < 12; i++) {
            as(ctrl1).header("If-None-Match", "*").get(V1 + "/authorized-nodes").then().statusCode(304);
        }
        String retryAfter = as(ctrl1).get(V1 + "/authorized-nodes").then().statusCode(429)
                .contentType("application/problem+json")
                .body("limit_per_minute", equalTo(12))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 5, "one pull comes back every 5 s, not " + seconds);
        as(ctrl2).get(V1 + "/authorized-nodes").then().statusCode(200);
    }

    @Test
    void hashAndUpdatedAtChangeExactlyWhenTheListDoes() throws Exception {
        String cluster = Fleet.uniqueId("chg");
        String host = Fleet.createHost(Fleet.uniqueId("pve-chg"), cluster, List.of("10.7.0.1"));
        String hostKey = Fleet.hostKey(host);
        String ctrl = register(hostKey, host, "socket").path("ctrl_token");
        AuthorizedNodes start = pull(ctrl);

        // Nothing in the list changed: same hash, same updated_at.
        Fleet.operator().body(Map.of("hostname", host + ".lan", "cluster", cluster, "addresses", List.of("10.7.0.1")))
                .put("/api/v1/hosts/" + host).then().statusCode(200);
        Fleet.createHost(Fleet.uniqueId("pve-elsewhere"), Fleet.uniqueId("other"), List.of("10.7.9.9"));
        Map<String, Object> report = new HashMap<>(Fleet.hostReport(host));
        report.put("cluster", cluster);
        report.put("addresses", List.of("10.7.0.1"));
        as(hostKey).body(report).post("/api/v1/hosts/" + host + "/report").then().statusCode(202);
        AuthorizedNodes same = pull(ctrl);
        assertEquals(start.hash(), same.hash());
        assertEquals(start.updatedAt(), same.updatedAt());

        // A host joins.
        String joined = Fleet.createHost(Fleet.uniqueId("pve-join"), cluster, List.of("10.7.0.2"));
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("temperature_proxy.hash_current", equalTo(false));
        AuthorizedNodes afterJoin = changed(start, pull(ctrl));
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("temperature_proxy.hash_current", equalTo(true));
        assertEquals(afterJoin.updatedAt(), pull(ctrl).updatedAt());

        // It changes address through the operator API, then through its own host report.
        Fleet.operator().body(Map.of("hostname", joined + ".lan", "cluster", cluster, "addresses", List.of("10.7.0.3")))
                .put("/api/v1/hosts/" + joined).then().statusCode(200);
        AuthorizedNodes afterPut = changed(afterJoin, pull(ctrl));
        Map<String, Object> joinedReport = new HashMap<>(Fleet.hostReport(joined));
        joinedReport.put("cluster", cluster);
        joinedReport.put("addresses", List.of("10.7.0.4"));
        as(Fleet.hostKey(joined)).body(joinedReport).post("/api/v1/hosts/" + joined + "/report").then()
                .statusCode(202);
        AuthorizedNodes afterReport = changed(afterPut, pull(ctrl));
        assertTrue(afterReport.nodes().contains(new AuthorizedNode(joined + ".lan", "10.7.0.4")));

        // It leaves: the list is the starting one again, with a new updated_at.
        Fleet.operator().delete("/api/v1/hosts/" + joined).then().statusCode(204);
        AuthorizedNodes afterLeave = changed(afterReport, pull(ctrl));
        assertEquals(start.hash(), afterLeave.hash());
        assertEquals(start.nodes(), afterLeave.nodes());
    }

    @Test
    void hostsJoiningAtOnceAllCountInTheStoredHash() throws Exception {
        String cluster = Fleet.uniqueId("burst");
        String host = Fleet.createHost(Fleet.uniqueId("pve-burst"), cluster, List.of("10.8.0.1"));
        String ctrl = register(Fleet.hostKey(host), host, "socket").path("ctrl_token");
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection con = dataSource.getConnection()) {
            // One host joins in a transaction that stays open while another joins through the API.
            con.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = con.prepareStatement("INSERT INTO hosts (id, hostname, cluster, "
                    + "addresses) VALUES (?, ?, ?, ARRAY['10.8.0.2'])")) {
                String id = Fleet.uniqueId("pve-slow");
                ps.setString(1, id);
                ps.setString(2, id + ".lan");
                ps.setString(3, cluster);
                ps.executeUpdate();
            }
            var join = other.submit(() -> Fleet.createHost(Fleet.uniqueId("pve-fast"), cluster, List.of("10.8.0.3")));
            Thread.sleep(500);
            con.commit();
            join.get();
        } finally {
            other.shutdown();
        }
        AuthorizedNodes list = pull(ctrl);
        assertEquals(3, list.nodes().size());
        // The hash the hub keeps (answering 304) is the hash of the whole list: neither join was lost.
        given().header("X-Proxy-Token", ctrl).header("If-None-Match", "\"" + list.hash() + "\"")
                .get(V1 + "/authorized-nodes").then().statusCode(304);
        Fleet.operator().get("/api/v1/hosts/" + host).then().body("temperature_proxy.hash_current", equalTo(true));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String host = Fleet.createHost(Fleet.uniqueId("pve-bad"), Fleet.uniqueId("bad"), List.of());
        String key = Fleet.hostKey(host);
        String name = host + ".lan";
        List<Object[]> cases = List.of(
                new Object[] {"{\"hostname\": \"" + name + "\", \"kind\": \"carrier-pigeon\"}", "[socket, http]"},
                new Object[] {"{\"kind\": \"socket\"}", "hostname"},
                new Object[] {"{\"hostname\": \"bad name!\", \"kind\": \"socket\"}", "hostname"},
                new Object[] {"{\"hostname\": \"" + name + "\"}", "kind"},
                new Object[] {"{\"hostname\": \"" + name + "\", \"kind\": \"http\"}", "proxy_url"},
                new Object[] {"{\"hostname\": \"" + name + "\", \"kind\": \"http\", \"proxy_url\": \"http://x:8444\"}",
                        "https://"},
                new Object[] {"{\"hostname\": \"" + name + "\", \"kind\": \"socket\", \"proxy_url\": \"https://x\"}",
                        "proxy_url"},
                new Object[] {"{\"hostname\": \"" + name + "\", \"kind\": \"http\", \"proxy_url\": \"https://x\", "
                        + "\"cert_fingerprint\": \"abc\"}", "cert_fingerprint"},
                new Object[] {"{\"hostname\": [1], \"kind\": \"socket\"}", "hostname"},
                new Object[] {"{not json", "not valid JSON"},
                new Object[] {"", "body"});
        for (Object[] c : cases) {
            given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(c[0])
                    .post(V1 + "/register").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString((String) c[1]));
        }
        given().header("Authorization", "Bearer " + key).contentType(ContentType.TEXT).body("hostname=x")
                .post(V1 + "/register").then().statusCode(415).contentType("application/problem+json");
        assertEquals(0, db.count("SELECT count(*) FROM temperature_proxies WHERE host_id = ?", host));
        assertEquals(0, db.count("SELECT count(*) FROM credentials WHERE kind = 'PROXY' AND host_id = ?", host));

        given().get(V1 + "/authorized-nodes").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("X-Proxy-Token"));
        given().header("X-Proxy-Token", "hfp_short").get(SEED + "/authorized-nodes").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Proxy-Token", "hfp_" + "A".repeat(43)).get(V1 + "/authorized-nodes").then()
                .statusCode(401).body("detail", equalTo("unknown or revoked sensor-proxy token"));
        given().header("X-Proxy-Token", "hfp_" + "A".repeat(43)).post(V1 + "/authorized-nodes").then()
                .statusCode(405).contentType("application/problem+json");
    }

    private static ExtractableResponse<Response> register(String hostKey, String host, String kind) {
        Map<String, Object> body = new HashMap<>(Map.of("hostname", host + ".lan", "kind", kind));
        if (kind.equals("http")) {
            body.put("proxy_url", "https://" + host + ".lan:8444");
            body.put("cert_fingerprint", "AB".repeat(32));
        }
        return as(hostKey).body(body).post(V1 + "/register").then().statusCode(200).extract();
    }

    private static AuthorizedNodes pull(String ctrl) {
        AuthorizedNodes nodes = given().header("X-Proxy-Token", ctrl).get(V1 + "/authorized-nodes").then()
                .statusCode(200).extract().as(AuthorizedNodes.class);
        assertTrue(nodes.hashMatches());
        return nodes;
    }

    private static AuthorizedNodes changed(AuthorizedNodes before, AuthorizedNodes after) {
        assertNotEquals(before.hash(), after.hash());
        assertTrue(after.updatedAt().isAfter(before.updatedAt()), after.updatedAt() + " after " + before.updatedAt());
        assertTrue(after.updatedAt().isBefore(Instant.now().plusSeconds(5)));
        return after;
    }
}
