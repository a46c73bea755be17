package io.homefleet.hub.updates;

import static io.homefleet.hub.support.Fleet.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.hub.support.Fleet;
import io.homefleet.hub.support.OciPush;
import io.homefleet.hub.support.RegistryTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Update checks against a real registry on loopback (docker-registry with token authentication). */
@QuarkusTest
class UpdatesApiTest {
    private static final List<String> PUSHED = List.of("0.39.1", "0.40.0-rc.1", "0.40.0", "0.100.0", "latest",
            "0.9.0");
    private static boolean pushed;

    @Inject
    ObjectMapper mapper;

    static String registry() {
        return ConfigProvider.getConfig().getValue("homefleet.hub.updates.registry", String.class);
    }

    static String password() {
        return ConfigProvider.getConfig().getValue("homefleet.hub.updates.password", String.class);
    }

    @BeforeEach
    void tags() throws Exception {
        if (!pushed) {
            OciPush push = new OciPush(registry(), RegistryTestResource.USERNAME, password());
            for (String tag : PUSHED) {
                push.push(RegistryTestResource.REPOSITORY, tag);
            }
            pushed = true;
        }
    }

    @Test
    void aCheckListsTheTagsInSemverOrderAndShowsWhoLags() {
        String behind = Fleet.createCustomer(Fleet.uniqueId("upd-behind"));
        as(Fleet.customerKey(behind)).body(Fleet.report(behind)).post("/api/v1/report").then().statusCode(202);
        Fleet.operator().post("/api/v1/updates/check").then().statusCode(200)
                .body("error", nullValue())
                .body("newest", equalTo("0.100.0"))
                .body("versions", equalTo(List.of("0.100.0", "0.40.0", "0.40.0-rc.1", "0.39.1", "0.9.0")))
                .body("repository", equalTo(RegistryTestResource.REPOSITORY))
                .body("customers.find { it.customer_id == '" + behind + "' }.running", equalTo("0.39.1"))
                .body("customers.find { it.customer_id == '" + behind + "' }.update_available", equalTo(true));
        // Idempotent: a second check lists the same.
        Fleet.operator().post("/api/v1/updates/check").then().statusCode(200)
                .body("versions.size()", equalTo(5));
    }

    @Test
    void theClientAnswersTheBearerChallengeWithTheConfiguredLogin() throws Exception {
        // docker-registry 2.8 sends every tag in one page whatever n asks; OciRegistryPaginationTest covers Link.
        OciRegistryClient client = new OciRegistryClient(URI.create(registry()),
                Optional.of(RegistryTestResource.USERNAME), Optional.of(password()), Duration.ofSeconds(10), mapper);
        List<String> tags = client.tags(RegistryTestResource.REPOSITORY, 2);
        assertEquals(PUSHED.stream().sorted().toList(), tags.stream().sorted().toList());
        OciRegistryClient wrongLogin = new OciRegistryClient(URI.create(registry()),
                Optional.of(RegistryTestResource.USERNAME), Optional.of("wrong"), Duration.ofSeconds(10), mapper);
        IOException refused = assertThrows(IOException.class,
                () -> wrongLogin.tags(RegistryTestResource.REPOSITORY, 100));
        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
    }

    @Test
    void triggeringSetsTheTargetInTheDesiredState() {
        Fleet.operator().post("/api/v1/updates/check").then().statusCode(200);
        String one = Fleet.createCustomer(Fleet.uniqueId("upd-one"));
        String key = Fleet.customerKey(one);
        String etag = as(key).get("/api/v1/desired-state").then().statusCode(200)
                .body("controller.target_version", nullValue()).extract().header("ETag");
        Fleet.operator().body(Map.of("customer_id", one)).post("/api/v1/updates/trigger").then().statusCode(200)
                .body("customers", equalTo(List.of(one))).body("target_version", equalTo("0.100.0"));
        as(key).header("If-None-Match", etag).get("/api/v1/desired-state").then().statusCode(200)
                .body("controller.target_version", equalTo("0.100.0"));
        Fleet.operator().body(Map.of("all", true, "version", "0.40.0")).post("/api/v1/updates/trigger").then()
                .statusCode(200);
        as(key).get("/api/v1/desired-state").then().body("controller.target_version", equalTo("0.40.0"));
        Fleet.operator().get("/api/v1/updates").then().statusCode(200)
                .body("customers.find { it.customer_id == '" + one + "' }.target", equalTo("0.40.0"));
    }

    @Test
    void badTriggersAre4xxAndChangeNothing() {
        Fleet.operator().post("/api/v1/updates/check").then().statusCode(200);
        String id = Fleet.createCustomer(Fleet.uniqueId("upd-bad"));
        Fleet.operator().body(Map.of("customer_id", id, "version", "9.9.9")).post("/api/v1/updates/trigger")
                .then().statusCode(400).body("errors.field", equalTo(List.of("version")));
        Fleet.operator().body(Map.of("customer_id", id, "version", "newest!")).post("/api/v1/updates/trigger")
                .then().statusCode(400);
        Fleet.operator().body(Map.of("customer_id", id, "all", true)).post("/api/v1/updates/trigger")
                .then().statusCode(400);
        Fleet.operator().body(Map.of()).post("/api/v1/updates/trigger").then().statusCode(400);
        Fleet.operator().body("{\"customer_id\":").post("/api/v1/updates/trigger").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:malformed-body"));
        Fleet.operator().body(Map.of("customer_id", "no-such-customer-upd")).post("/api/v1/updates/trigger")
                .then().statusCode(404);
        Fleet.operator().get("/api/v1/updates").then()
                .body("customers.find { it.customer_id == '" + id + "' }.target", nullValue());
    }
}
