package io.homefleet.hub.dashboard;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.SecretDigest;
import io.homefleet.hub.support.CatalogFiles;
import io.homefleet.hub.operator.OperatorAccounts;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.homefleet.hub.support.OciPush;
import io.homefleet.hub.support.RegistryTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's config, sync, update, catalog and approval pages: what each role sees and may do, that the page
 * actions change what the API then answers, that secrets never reach a page, and that refused actions change nothing.
 */
@QuarkusTest
class DashboardFleetControlTest {
    private static final String TUNNEL_TOKEN = "tunnel-" + UUID.randomUUID();

    @Inject
    OperatorAccounts operators;

    @Inject
    Db db;

    private SignedIn signedIn(String role) {
        return SignedIn.freshOperator(operators, role);
    }

    private static String reportingCustomer(String prefix) {
        String id = Fleet.createCustomer(Fleet.uniqueId(prefix));
        as(Fleet.customerKey(id)).body(Fleet.report(id)).post("/api/v1/report").then().statusCode(202);
        return id;
    }

    @Test
    void anOperatorMakesAReportOnlyCustomerManagedAndAViewerCannot() {
        SignedIn viewer = signedIn("viewer");
        SignedIn operator = signedIn("operator");
        String id = reportingCustomer("cfg");
        viewer.page().get("/customers/" + id).then().statusCode(200)
                .body(containsString("Report-only"))
                .body(not(containsString("/config/from-report")));

        viewer.page().get("/customers?q=" + id).then().statusCode(200)
                .body(containsString("<td>report-only</td>")).body(not(containsString("<td>managed</td>")));
        viewer.form().post("/customers/" + id + "/config/from-report").then().statusCode(403);
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(404);

        operator.page().get("/customers/" + id).then().statusCode(200)
                .body(containsString("action=\"/customers/" + id + "/config/from-report\""));
        operator.form().post("/customers/" + id + "/config/from-report").then().statusCode(200)
                .body(containsString("The customer is managed now"))
                .body(containsString("data-sync=\"pending\""));
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(200)
                .body("source", equalTo("from_report"));
        viewer.page().get("/customers?q=" + id).then().statusCode(200)
                .body(containsString("<td>managed</td>")).body(not(containsString("<td>report-only</td>")));
        assertEquals(1, db.count("SELECT count(*) FROM ui_audit WHERE action = 'customer.config.create' AND target = ?",
                "customer:" + id));
        // A second create is refused (it already has a config) and makes no new revision.
        operator.form().post("/customers/" + id + "/config/from-report").then().statusCode(409);
        Fleet.operator().get("/api/v1/customers/" + id + "/config/revisions").then().body("size()", equalTo(1));
    }

    @Test
    void theSyncSectionNamesDriftedKeysButNeverASecretAndPullTakesTheLiveValues() {
        SignedIn operator = signedIn("operator");
        String id = Fleet.createCustomer(Fleet.uniqueId("drift"));
        Fleet.operator().body(Map.of("identity", Map.of("name", "Drift " + id, "domain", id + ".example.eu"),
                        "infrastructure", Map.of("tunnel_token", TUNNEL_TOKEN),
                        "notifications", Map.of("language", "hu")))
                .put("/api/v1/customers/" + id + "/config").then().statusCode(200);
        String key = Fleet.customerKey(id);
        long revision = as(key).get("/api/v1/desired-state").then().statusCode(200).extract()
                .<Number>path("revision").longValue();
        Map<String, Object> body = new HashMap<>(Fleet.report(id));
        body.put("applied_revision", revision);
        body.put("config_values", Map.of("customer.id", id, "notifications.language", "de",
                "infrastructure.tunnel_token", SecretDigest.of("another token")));
        as(key).body(body).post("/api/v1/report").then().statusCode(202);

        String page = operator.page().get("/customers/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-sync=\"drifted\""), "drifted state shown");
        assertTrue(page.matches("(?s).*<code>notifications.language</code></td><td>differs</td><td>hu</td><td>de</td>.*"),
                "the differing key with both values");
        assertTrue(page.contains("<code>infrastructure.tunnel_token</code>"), "the differing secret is named");
        assertFalse(page.contains(TUNNEL_TOKEN), "a secret reached the page");
        assertFalse(page.contains(SecretDigest.of(TUNNEL_TOKEN)), "a secret's digest reached the page");
        assertFalse(page.contains(SecretDigest.of("another token")), "a reported digest reached the page");

        long before = Fleet.operator().get("/api/v1/customers/" + id + "/config").then().extract()
                .<Number>path("revision").longValue();
        operator.form().post("/customers/" + id + "/config/pull").then().statusCode(200)
                .body(containsString("Took the controller&#39;s live values"));
        Fleet.operator().get("/api/v1/customers/" + id + "/config").then().statusCode(200)
                .body("revision", equalTo((int) before + 1))
                .body("source", equalTo("pulled"))
                .body("config.notifications.language", equalTo("de"));
    }

    @Test
    void updatesShowTheRegistryAndAnOperatorUpdatesOneController() throws Exception {
        String registry = ConfigProvider.getConfig().getValue("homefleet.hub.updates.registry", String.class);
        String password = ConfigProvider.getConfig().getValue("homefleet.hub.updates.password", String.class);
        OciPush push = new OciPush(registry, RegistryTestResource.USERNAME, password);
        // Tags UpdatesApiTest pushes too: the registry's list is the same whichever test runs first.
        push.push(RegistryTestResource.REPOSITORY, "0.39.1");
        push.push(RegistryTestResource.REPOSITORY, "0.100.0");
        SignedIn viewer = signedIn("viewer");
        SignedIn operator = signedIn("operator");
        String id = reportingCustomer("upd");

        viewer.form().post("/updates/check").then().statusCode(403);
        viewer.form().post("/updates/trigger-all").then().statusCode(403);
        viewer.page().get("/updates").then().statusCode(200).body(not(containsString("action=\"/updates/check\"")));
        operator.form().post("/updates/check").then().statusCode(200)
                .body(containsString("<dd id=\"newest\">0.100.0</dd>"))
                .body(containsString("action=\"/updates/trigger-all\""));

        viewer.form().post("/customers/" + id + "/update").then().statusCode(403);
        as(Fleet.customerKey(id)).get("/api/v1/desired-state").then().statusCode(200)
                .body("controller.target_version", org.hamcrest.Matchers.nullValue());
        operator.page().get("/customers/" + id).then().statusCode(200)
                .body(containsString("Update the controller to 0.100.0"));
        operator.form().post("/customers/" + id + "/update").then().statusCode(200)
                .body(containsString("target version is 0.100.0"));
        as(Fleet.customerKey(id)).get("/api/v1/desired-state").then().statusCode(200)
                .body("controller.target_version", equalTo("0.100.0"));
        operator.page().get("/customers/" + id).then().statusCode(200)
                .body(not(containsString("Update the controller to")));
    }

    @Test
    void theCatalogPageListsImportedApps() {
        String appId = "eu.homefleet.dash" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
        CatalogFiles.upload(CatalogFiles.nextcloudAs(appId)).then().statusCode(201);
        signedIn("viewer").page().get("/catalog").then().statusCode(200)
                .body(containsString("<code>" + appId + "</code>"))
                .body(containsString("Nextcloud"));
    }

    @Test
    void anAdminSignsAnApprovalShownOnceAndBadInputChangesNothing() {
        SignedIn operator = signedIn("operator");
        SignedIn admin = signedIn("admin");
        String host = Fleet.createHost(Fleet.uniqueId("wipe"), "c1", List.of());
        String pendingOp = "{\"op\":\"storage_wipe\",\"host_scope\":\"" + host
                + "\",\"durable_id\":\"wwn-0x5000c500dead0001\",\"fstype\":\"ext4\"}";
        operator.page().get("/approvals").then().statusCode(403);
        operator.form().formParam("pending_op", pendingOp).formParam("reason", "no")
                .post("/approvals").then().statusCode(403);
        assertEquals(0, db.count("SELECT count(*) FROM approvals WHERE host_scope = ?", host));

        admin.form().formParam("pending_op", "{not json").formParam("reason", "reuse the disk")
                .post("/approvals").then().statusCode(400);
        admin.form().formParam("pending_op", pendingOp.replace("storage_wipe", "rm_rf"))
                .formParam("reason", "reuse the disk").post("/approvals").then().statusCode(400);
        assertEquals(0, db.count("SELECT count(*) FROM approvals WHERE host_scope = ?", host));

        String signed = admin.form().formParam("pending_op", pendingOp).formParam("reason", "customer reuses the disk")
                .post("/approvals").then().statusCode(200).extract().asString();
        assertTrue(signed.matches("(?s).*id=\"issued\" readonly value=\"ey[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\".*"),
                "the signed JWT is shown");
        assertEquals(1, db.count("SELECT count(*) FROM approvals WHERE host_scope = ? AND approved_by = ?", host,
                admin.name()));
        assertEquals(1, db.count("SELECT count(*) FROM ui_audit WHERE action = 'approval.sign' AND target = ?",
                "host:" + host));
        admin.page().get("/approvals").then().statusCode(200)
                .body(containsString("customer reuses the disk"))
                .body(not(containsString("id=\"issued\"")));
    }
}
