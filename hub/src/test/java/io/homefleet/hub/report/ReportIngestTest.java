package io.homefleet.hub.report;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportIngestTest {
    @Inject
    Db db;

    @Inject
    ReportBatchWriter writer;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @Test
    void reportIsStoredAndSummarizedOnTheCustomer() {
        String id = Fleet.createCustomer(Fleet.uniqueId("ingest"));
        String key = Fleet.customerKey(id);
        Map<String, Object> report = Fleet.report(id);
        as(key).body(report).post("/api/v1/report").then().statusCode(202)
                .body("stored", equalTo(true)).body("report_id", equalTo(report.get("report_id")));

        Fleet.operator().get("/api/v1/customers/" + id).then().statusCode(200)
                .body("customer.status", equalTo("OK"))
                .body("customer.controller_version", equalTo("0.39.1"))
                .body("customer.memory_percent", equalTo(25.0f))
                .body("customer.disk_percent", equalTo(25.0f))
                .body("latest_report.report_id", equalTo(report.get("report_id")))
                .body("latest_report.containers[0].name", equalTo("nextcloud"));
    }

    @Test
    void resentReportIsStoredOnce() {
        String id = Fleet.createCustomer(Fleet.uniqueId("dup"));
        String key = Fleet.customerKey(id);
        Map<String, Object> report = Fleet.report(id);
        as(key).body(report).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));
        as(key).body(report).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(false));
        as(key).body(report).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(false));
        assertEquals(1, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
    }

    @Test
    void lateResendOfAnOlderReportDoesNotReplaceTheLatest() {
        String id = Fleet.createCustomer(Fleet.uniqueId("order"));
        String key = Fleet.customerKey(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID newer = UUID.randomUUID();
        as(key).body(Fleet.report(id, newer, now, "warn")).post("/api/v1/report").then().statusCode(202);
        as(key).body(Fleet.report(id, UUID.randomUUID(), now.minusSeconds(900), "ok")).post("/api/v1/report")
                .then().statusCode(202);
        Fleet.operator().get("/api/v1/customers/" + id).then()
                .body("customer.health", equalTo("warn"))
                .body("latest_report.report_id", equalTo(newer.toString()));
        assertEquals(2, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
    }

    @Test
    void unknownFieldsAreAcceptedAndDropped() {
        String id = Fleet.createCustomer(Fleet.uniqueId("extra"));
        String key = Fleet.customerKey(id);
        Map<String, Object> report = new HashMap<>(Fleet.report(id));
        report.put("added_by_a_newer_controller", Map.of("x", 1));
        as(key).body(report).post("/api/v1/report").then().statusCode(202).body("stored", equalTo(true));
        assertEquals(0, db.count("SELECT count(*) FROM reports WHERE customer_id = ? AND body ? 'added_by_a_newer_controller'"
                .replace("body ? ", "body ?? "), id));
    }

    @Test
    void historyListsReportsOfThePeriodOldestFirst() {
        String id = Fleet.createCustomer(Fleet.uniqueId("hist"));
        String key = Fleet.customerKey(id);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        as(key).body(Fleet.report(id, first, Instant.now().minusSeconds(60), "ok")).post("/api/v1/report").then()
                .statusCode(202);
        as(key).body(Fleet.report(id, second, Instant.now(), "warn")).post("/api/v1/report").then().statusCode(202);
        UUID old = UUID.randomUUID();
        as(key).body(Fleet.report(id, old, Instant.now(), "ok")).post("/api/v1/report").then().statusCode(202);
        db.update("UPDATE reports SET received_at = now() - interval '8 days' WHERE report_id = ?", old);

        Fleet.operator().get("/api/v1/customers/" + id + "/history?period=7d").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].report_id", equalTo(first.toString()))
                .body("[1].report_id", equalTo(second.toString()))
                .body("[1].health", equalTo("warn"));
        Fleet.operator().get("/api/v1/customers/" + id + "/history?period=9d").then().body("size()", equalTo(3));
    }

    @Test
    void concurrentReportsAreBatchedAndEachStoredOnce() throws Exception {
        String a = Fleet.createCustomer(Fleet.uniqueId("batch-a"));
        String b = Fleet.createCustomer(Fleet.uniqueId("batch-b"));
        String keyA = Fleet.customerKey(a);
        String keyB = Fleet.customerKey(b);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        java.util.List<Map<String, Object>> reports = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reports.add(Fleet.report(i % 2 == 0 ? a : b, UUID.randomUUID(), base.minusSeconds(40 - i), "ok"));
        }
        // Every report twice, all at once: duplicates land in the same batch or in different ones.
        java.util.List<Map<String, Object>> sends = new java.util.ArrayList<>(reports);
        sends.addAll(reports);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (Map<String, Object> r : sends) {
            String key = r.get("customer_id").equals(a) ? keyA : keyB;
            results.add(pool.submit(() -> as(key).body(r).post("/api/v1/report").then().statusCode(202)
                    .extract().<Boolean>path("stored")));
        }
        long storedCount = 0;
        for (var f : results) {
            storedCount += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(40, storedCount, "each report answered stored exactly once");
        assertEquals(20, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", a));
        assertEquals(20, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", b));
        // The newest report (by sent_at) is each customer's latest, whatever order the batches took.
        Fleet.operator().get("/api/v1/customers/" + a).then()
                .body("latest_report.report_id", equalTo(reports.get(38).get("report_id")));
        Fleet.operator().get("/api/v1/customers/" + b).then()
                .body("latest_report.report_id", equalTo(reports.get(39).get("report_id")));
    }

    @Test
    void oneFailingReportDoesNotFailItsBatch() throws Exception {
        String id = Fleet.createCustomer(Fleet.uniqueId("batch-fail"));
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> good = new java.util.ArrayList<>();
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> bad = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(submit(id));
            bad.add(submit("no-such-customer")); // violates the foreign key: the batch fails, then each alone
        }
        for (var f : good) {
            assertEquals(true, f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        for (var f : bad) {
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(20, db.count("SELECT count(*) FROM reports WHERE customer_id = ?", id));
    }

    private java.util.concurrent.CompletableFuture<Boolean> submit(String customer) throws Exception {
        io.homefleet.common.contract.v1.ControllerReport report = mapper.convertValue(Fleet.report(customer),
                io.homefleet.common.contract.v1.ControllerReport.class);
        return writer.submit(report, mapper.writeValueAsString(report), Instant.now());
    }
}
