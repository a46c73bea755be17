package io.homefleet.hub.customerconfig;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
class ConfigTemplateAndNotifyTest {
    @Inject
    Db db;

    @Inject
    GeneratedConfigs generated;

    private static io.restassured.specification.RequestSpecification yaml() {
        return Fleet.operator().contentType("application/yaml");
    }

    /** Changes are announced on the channel the interface names, with the customer id or '*'. */
    @Test
    void everyCommittedChangeIsNotifiedAndATemplateUploadChangesEveryGeneratedConfig() throws Exception {
        String id = CustomerConfigApiTest.managedCustomer("cfg-notify");
        try (Connection listen = db.connection()) {
            try (Statement st = listen.createStatement()) {
                st.execute("LISTEN " + GeneratedConfigs.CHANGED_CHANNEL);
            }
            Fleet.operator().body(CustomerConfigApiTest.config("t1")).put("/api/v1/customers/" + id + "/config")
                    .then().statusCode(200);
            long before = generated.current(id).orElseThrow().revision();
            assertTrue(awaitPayloads(listen, 1).contains(id));

            String shipped = given().header("Authorization", "Bearer " + Fleet.OPERATOR_TOKEN)
                    .get("/api/v1/config-template").then().statusCode(200).extract().path("yaml");
            String uploaded = shipped + "\nbackups:\n  keep_days: 14\n";
            long version = ((Number) yaml().body(bytes(uploaded)).put("/api/v1/config-template").then().statusCode(200)
                    .body("uploaded_by", equalTo("operator")).extract().path("version")).longValue();
            assertTrue(awaitPayloads(listen, 1).contains("*"));
            GeneratedConfigs.GeneratedConfig after = generated.current(id).orElseThrow();
            assertTrue(after.revision() > before, "the template change moved the revision");
            assertEquals(version, after.revision());
            assertEquals(Map.of("keep_days", 14), after.values().get("backups"));
            Fleet.operator().get("/api/v1/config-template/versions").then().statusCode(200)
                    .body("version", hasItem((int) version));
            Fleet.operator().get("/api/v1/config-template/versions/0").then().statusCode(200)
                    .body("uploaded_by", equalTo("hub"));
            // Put the shipped template back on top, for the other tests sharing this hub.
            yaml().body(bytes(shipped)).put("/api/v1/config-template").then().statusCode(200);
        }
    }

    @Test
    void badTemplatesAreRefusedAndNothingIsStored() {
        long before = db.count("SELECT count(*) FROM controller_templates");
        yaml().body(bytes("customer: [unclosed")).put("/api/v1/config-template").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:homefleet:problem:malformed-body"));
        yaml().body(bytes("- a list\n- not a mapping\n")).put("/api/v1/config-template").then().statusCode(400)
                .body("detail", containsString("mapping"));
        yaml().body(bytes("web:\n  listenAddr: x\n")).put("/api/v1/config-template").then().statusCode(400)
                .body("errors.field", hasItem("web.listenAddr"));
        yaml().body(bytes("web: {}\nweb: {}\n")).put("/api/v1/config-template").then().statusCode(400);
        yaml().body(bytes("")).put("/api/v1/config-template").then().statusCode(400);
        yaml().body(bytes("a: \"" + "x".repeat(300_000) + "\"\n")).put("/api/v1/config-template").then().statusCode(413)
                .contentType("application/problem+json");
        Fleet.operator().body(Map.of("web", Map.of())).put("/api/v1/config-template").then().statusCode(415);
        given().contentType("application/yaml").body(bytes("web: {}\n")).put("/api/v1/config-template").then()
                .statusCode(401);
        assertEquals(before, db.count("SELECT count(*) FROM controller_templates"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> awaitPayloads(Connection con, int atLeast) throws Exception {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (payloads.size() < atLeast && System.nanoTime() < deadline) {
            PGNotification[] got = con.unwrap(PGConnection.class).getNotifications(200);
            if (got != null) {
                for (PGNotification n : got) {
                    payloads.add(n.getParameter());
                }
            }
        }
        return payloads;
    }
}
