package io.homefleet.hub.catalog;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.hub.support.CatalogFiles;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The app catalog through the operator API: both formats, every check, and nothing stored on a refusal. */
@QuarkusTest
class CatalogApiTest {
    static final List<String> CASAOS_APPS = List.of("2FAuth", "AdGuardHome", "Bazarr", "Docmost", "FreshRSS",
            "Gitea", "Immich", "Jellyfin", "MariaDB", "Monica", "Vaultwarden", "WireGuardEasy");

    static Stream<String> casaosApps() {
        return CASAOS_APPS.stream();
    }

    static String resource(String path) {
        return CatalogFiles.resource(path);
    }

    static Response upload(String yaml) {
        return CatalogFiles.upload(yaml);
    }

    /** The file with its id made unique, so tests sharing one database never collide. */
    static String withId(String yaml, String id) {
        return yaml.replace("id: eu.felhom.nextcloud", "id: " + id);
    }

    @ParameterizedTest(name = "CasaOS {0} imports")
    @MethodSource("casaosApps")
    void everyCasaosFixtureImports(String folder) {
        String yaml = resource("casaos/" + folder + "/docker-compose.yml");
        Response r = upload(yaml);
        // The fixtures share one database with every other test; a re-run of the same boot finds them there.
        if (r.statusCode() == 409) {
            return;
        }
        r.then().statusCode(201).contentType("application/json")
                .body("format", equalTo("casaos"))
                .body("id", org.hamcrest.Matchers.startsWith("org.icewhale."))
                .body("title.en", org.hamcrest.Matchers.notNullValue())
                .body("services.size()", org.hamcrest.Matchers.greaterThan(0));
        String compose = r.path("compose");
        assertFalse(compose.contains("/DATA"), folder + ": CasaOS /DATA left in " + compose);
        assertFalse(compose.contains("x-casaos"), folder + ": store block left in the Compose file");
        assertFalse(compose.contains("devices:"), folder);
        assertFalse(compose.contains("cap_add"), folder);
        String main = r.path("main");
        List<String> names = r.path("services.name");
        assertTrue(names.contains(main), folder + ": main " + main + " not among " + names);
    }

    @Test
    void casaosImportKeepsLanguagesDescriptionsAndSaysWhatItChanged() {
        Map<String, Object> jellyfin = importedOrExisting("Jellyfin", "org.icewhale.jellyfin");
        Fleet.operator().get("/api/v1/catalog/apps/org.icewhale.jellyfin").then().statusCode(200)
                .body("[0].web_port", equalTo(8097))
                .body("[0].main", equalTo("jellyfin"))
                .body("[0].services[0].environment.find { it.name == 'TZ' }.description.en", equalTo("TimeZone"))
                .body("[0].services[0].volumes.source", hasItems("./config", "./Media"))
                .body("[0].services[0].volumes.target", not(hasItem("/opt/vc/lib")))
                .body("[0].notices.field", hasItems("services.jellyfin.devices", "services.jellyfin.volumes[2]"))
                .body("[0].notices.field", hasItem("services.jellyfin.image"));
        assertNotNull(jellyfin);
        importedOrExisting("Vaultwarden", "org.icewhale.vaultwarden");
        Fleet.operator().get("/api/v1/catalog/apps/org.icewhale.vaultwarden").then().statusCode(200)
                .body("[0].title.en", equalTo("Vaultwarden"))
                .body("[0].tagline.hu", equalTo("Önellátó Bitwarden szerver"))
                .body("[0].services[0].ports[0].description.en", equalTo("WebUI HTTP Port"))
                .body("[0].services[0].volumes[0].source", equalTo("./data"));
        importedOrExisting("Immich", "org.icewhale.immich");
        Fleet.operator().get("/api/v1/catalog/apps/org.icewhale.immich").then().statusCode(200)
                .body("[0].services.find { it.name == 'redis' }.pinned", equalTo(true))
                .body("[0].services.find { it.name == 'immich-server' }.pinned", equalTo(false))
                .body("[0].services.find { it.name == 'immich-server' }.volumes.source", equalTo(
                        List.of("./Gallery/immich")));
    }

    private Map<String, Object> importedOrExisting(String folder, String id) {
        upload(resource("casaos/" + folder + "/docker-compose.yml"));
        return Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(200).extract().path("[0]");
    }

    @Test
    void homefleetFormatImportsAndTheSameIdAddsAVersion() {
        String id = Fleet.uniqueId("eu.felhom.nc");
        String yaml = withId(resource("nextcloud.yaml"), id);
        upload(yaml).then().statusCode(201)
                .header("Location", containsString("/api/v1/catalog/apps/" + id))
                .body("id", equalTo(id)).body("version", equalTo("29.0.4")).body("format", equalTo("homefleet"))
                .body("title.hu", equalTo("Nextcloud"))
                .body("tagline.en", equalTo("Your own cloud for files, calendars and contacts"))
                .body("web_port", equalTo(8080)).body("main", equalTo("nextcloud"))
                .body("install_fields.key", equalTo(List.of("admin_user", "admin_password", "upload_limit_mb",
                        "language")))
                .body("install_fields[2].default_value", equalTo(512))
                .body("backup.dump.service", equalTo("db"))
                .body("backup.paths", equalTo(List.of("./data", "./db-dump")))
                .body("services.find { it.name == 'db' }.pinned", equalTo(true))
                .body("notices.field", equalTo(List.of("services.nextcloud.image")));
        upload(yaml).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:conflict"));
        upload(yaml.replace("version: 29.0.4", "version: 29.0.10")).then().statusCode(201);
        upload(yaml.replace("version: 29.0.4", "version: 29.0.10-rc.1")).then().statusCode(201);
        Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(200)
                .body("version", equalTo(List.of("29.0.10", "29.0.10-rc.1", "29.0.4")));
        Fleet.operator().get("/api/v1/catalog/apps").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.newest.version", equalTo("29.0.10"));
        Fleet.operator().delete("/api/v1/catalog/apps/" + id + "?version=29.0.10-rc.1").then().statusCode(204);
        Fleet.operator().get("/api/v1/catalog/apps/" + id).then().body("version", equalTo(List.of("29.0.10",
                "29.0.4")));
        Fleet.operator().delete("/api/v1/catalog/apps/" + id).then().statusCode(204);
        Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        Fleet.operator().delete("/api/v1/catalog/apps/" + id).then().statusCode(404);
    }

    @Test
    void everyOffendingFieldIsOneProblemAndNothingIsStored() {
        String id = Fleet.uniqueId("eu.felhom.bad");
        String yaml = """
                services:
                  web:
                    build: .
                    privileged: true
                    network_mode: host
                    ports: ["8080:80"]
                    volumes:
                      - /var/run/docker.sock:/var/run/docker.sock
                      - /etc:/host-etc:ro
                      - ./data/../../escape:/x
                    devices: ["/dev/sda:/dev/sda"]
                  worker:
                    command: sleep 1
                    volumes:
                      - type: bind
                        source: /dev/dri
                        target: /dev/dri
                x-homefleet:
                  id: %s
                  version: latest
                  main: web
                  web_port: 8080
                  title: {hu: Rossz, en: Bad}
                  tagline: {hu: Rossz, en: Bad}
                  description: {en: Bad}
                  category: Test
                  colour: red
                """.formatted(id);
        Response r = upload(yaml);
        r.then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));
        List<String> fields = r.path("errors.field");
        assertEquals(List.of("services.web.build", "services.web.privileged", "services.web.network_mode",
                        "services.web.devices", "services.web.image", "services.web.volumes[0].source",
                        "services.web.volumes[1].source", "services.web.volumes[2].source",
                        "services.worker.image", "services.worker.volumes[0].source",
                        "x-homefleet.colour", "x-homefleet.version", "x-homefleet.description.hu").stream().sorted()
                        .toList(), fields.stream().sorted().toList(), r.asString());
        Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(404);
    }

    @Test
    void unknownFieldsInsideTheBlockAreRefusedToo() {
        String id = Fleet.uniqueId("eu.felhom.unknown");
        String yaml = withId(resource("nextcloud.yaml"), id)
                .replace("      env: NEXTCLOUD_ADMIN_USER", "      env: NEXTCLOUD_ADMIN_USER\n      secret: true")
                .replace("    paths: [./data, ./db-dump]", "    paths: [./data, /srv]\n    schedule: daily");
        Response r = upload(yaml);
        r.then().statusCode(400);
        assertEquals(List.of("x-homefleet.backup.paths[1]", "x-homefleet.backup.schedule",
                "x-homefleet.install_fields[0].secret"), r.<List<String>>path("errors.field").stream().sorted()
                .toList());
        Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(404);
    }

    @Test
    void badVersionsAreRefused() {
        for (String bad : List.of("latest", "1.2.3.4.5", "'1.0 beta'", "[1]", "v")) {
            String id = Fleet.uniqueId("eu.felhom.ver");
            upload(withId(resource("nextcloud.yaml"), id).replace("version: 29.0.4", "version: " + bad))
                    .then().statusCode(400).body("errors.field", equalTo(List.of("x-homefleet.version")));
            Fleet.operator().get("/api/v1/catalog/apps/" + id).then().statusCode(404);
        }
    }

    @Test
    void malformedYamlAndWrongShapesAre400() {
        upload("services: [unclosed").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:homefleet:problem:malformed-body"))
                .body("detail", containsString("line"));
        upload("- just\n- a list\n").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:malformed-body"));
        upload("services: {}\nservices: {}\n").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:malformed-body"));
        upload("x: !!java.lang.ProcessBuilder [calc]\n").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:malformed-body"));
        String bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                + "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
        upload(bomb).then().statusCode(400).body("type", equalTo("urn:homefleet:problem:malformed-body"));
        upload("services:\n  web:\n    image: nginx:1.27\n").then().statusCode(400)
                .body("errors.field", equalTo(List.of("x-homefleet")));
        upload("").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyYamlIsAcceptedAndOversizeIsRefusedEarly() {
        Fleet.operator().body(Map.of("services", Map.of())).post("/api/v1/catalog/apps").then().statusCode(415)
                .contentType("application/problem+json");
        String big = "# " + "x".repeat(1_100_000) + "\n" + withId(resource("nextcloud.yaml"), "eu.felhom.big");
        upload(big).then().statusCode(413).contentType("application/problem+json");
        Fleet.operator().get("/api/v1/catalog/apps/eu.felhom.big").then().statusCode(404);
    }

    @Test
    void badIdsInPathsAre400() {
        Fleet.operator().get("/api/v1/catalog/apps/Not_Valid!").then().statusCode(400)
                .contentType("application/problem+json");
        Fleet.operator().delete("/api/v1/catalog/apps/org.x?version=latest").then().statusCode(400);
    }
}
