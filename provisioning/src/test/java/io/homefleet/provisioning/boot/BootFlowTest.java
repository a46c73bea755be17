package io.homefleet.provisioning.boot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Installer;
import io.homefleet.provisioning.support.Names;
import io.homefleet.provisioning.support.TestConfigFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/**
 * The boot flow's HTTP side as the installer speaks it: the answer (valid by the installer's rules, host matched by
 * any MAC, 404 naming the MACs, 409 without a rebuild, the optional token), the post-installation webhook (token,
 * schema, pinned keys, repeats), the first-boot script and the phone-home.
 */
@QuarkusTest
class BootFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProvisioningConfig config;

    static Names.Machine rebuilt(String prefix, String type) {
        Names.Machine m = Names.next(prefix);
        Api.register(m, type);
        Api.operator().post("/api/hosts/" + m.hostname() + "/rebuild").then().statusCode(200);
        return m;
    }

    static String hostKey() throws Exception {
        return PublicKeyEntry.toString(KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic()) + " root@pve";
    }

    @Test
    void theAnswerIsOneTheInstallerAcceptsAndCarriesThisHostsSettings() throws Exception {
        Names.Machine m = rebuilt("answer", "minisforum-um790");
        // the host's MAC is the second of three NICs, upper-case as some firmware reports it
        String toml = Installer.fetchAnswer("aa:bb:cc:00:00:01", m.mac().toUpperCase(), "aa:bb:cc:00:00:02")
                .then().statusCode(200).contentType(containsString("application/toml")).extract().asString();
        AnswerRules.Verdict verdict = AnswerRules.check(toml, AnswerRules.RunEnv.NONE);
        assertEquals(List.of(), verdict.errors(), toml);
        assertEquals(List.of(), verdict.warnings(), "kebab-case only: " + toml);

        JsonNode answer = new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree(toml);
        JsonNode global = answer.get("global");
        assertEquals("pve-um-" + m.hostname() + ".lab.example.net", global.get("fqdn").asText());
        assertEquals("de", global.get("keyboard").asText());
        assertEquals("at", global.get("country").asText());
        assertEquals("Europe/Vienna", global.get("timezone").asText());
        assertEquals("ops@example.net", global.get("mailto").asText());
        assertTrue(global.get("root-password-hashed").asText().startsWith("$y$"));
        assertTrue(global.get("root-ssh-keys").get(0).asText().startsWith("ssh-ed25519 "));
        assertEquals("from-dhcp", answer.at("/network/source").asText());
        assertEquals("enp1s0", answer.at("/network/interface-name-pinning/mapping").get(m.mac()).asText(),
                "the management NIC pinned to the host's MAC");
        assertEquals("ext4", answer.at("/disk-setup/filesystem").asText());
        assertEquals("nvme0n1", answer.at("/disk-setup/disk-list/0").asText());
        assertEquals("from-url", answer.at("/first-boot/source").asText());
        assertTrue(answer.at("/first-boot/url").asText().startsWith("http://127.0.0.1:8090/api/hosts/" + m.hostname()
                + "/first-boot-script?token="));
        assertEquals("http://127.0.0.1:8090/api/hosts/" + m.hostname() + "/installed",
                answer.at("/post-installation-webhook/url").asText());
        assertTrue(answer.at("/post-installation-webhook/auth-token").asText().length() >= 43);

        // keyboard, country and time zone are ones the installer knows (its locales.json)
        JsonNode locales = JSON.readTree(Path.of(getClass().getResource("/proxmox-installer/installer-env/locales.json")
                .toURI()).toFile());
        assertTrue(locales.get("kmap").has(global.get("keyboard").asText()));
        assertTrue(locales.get("country").has(global.get("country").asText()));
        assertTrue(locales.get("zones").has(global.get("timezone").asText()));
        assertEquals("installing", Api.state(m.hostname()));
    }

    @Test
    void unknownMacsAre404NamingThemAndNoRebuildIs409() {
        Installer.fetchAnswer("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:homefleet:problem:not-found"))
                .body("detail", containsString("aa:bb:cc:dd:ee:01")).body("detail", containsString("aa:bb:cc:dd:ee:02"))
                .body("macs", hasItems("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02"));
        Names.Machine m = Names.next("norebuild");
        Api.register(m, "minisforum-ms-01");
        Installer.fetchAnswer(m.mac()).then().statusCode(409).body("type", equalTo("urn:homefleet:problem:conflict"))
                .body("detail", containsString("no rebuild requested")).body("state", equalTo("registered"));
        assertEquals("registered", Api.state(m.hostname()));
        given().contentType(ContentType.JSON).body("{\"network_interfaces\":[{\"link\":\"eno1\",\"mac\":\"zz\"}]}")
                .post("/api/boot/answer").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"product\":{}}").post("/api/boot/answer").then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));
    }

    @Test
    void theAnswerTokenIsCheckedWhenConfigured() throws Exception {
        Path tokenFile = TestConfigFiles.dir().resolve("answer.token");
        Files.writeString(tokenFile, "prepared-with-this-token\n");
        String original = Files.readString(TestConfigFiles.configFile());
        try {
            Files.writeString(TestConfigFiles.configFile(), original.replace("server:\n",
                    "server:\n  answer_auth_token_file: " + tokenFile + "\n"));
            assertTrue(config.reloadIfChangedNow());
            Names.Machine m = rebuilt("token", "minisforum-ms-01");
            Installer.fetchAnswer(m.mac()).then().statusCode(401).body("type", equalTo("urn:homefleet:problem:unauthenticated"));
            given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(Installer.systemInfo(m.mac()))
                    .post("/api/boot/answer").then().statusCode(401);
            assertEquals("pxe_ready", Api.state(m.hostname()));
            given().contentType(ContentType.JSON).header("Authorization", "Bearer prepared-with-this-token")
                    .body(Installer.systemInfo(m.mac())).post("/api/boot/answer").then().statusCode(200);
            assertEquals("installing", Api.state(m.hostname()));
        } finally {
            Files.writeString(TestConfigFiles.configFile(), original);
            config.reloadIfChangedNow();
        }
    }

    @Test
    void theWebhookNeedsTheInstallTokenPinsTheKeysAndMayBeRepeated() throws Exception {
        Names.Machine m = rebuilt("hook", "minisforum-ms-01");
        JsonNode answer = Installer.answer(m.mac());
        String token = answer.at("/post-installation-webhook/auth-token").asText();
        String url = "/api/hosts/" + m.hostname() + "/installed";
        String key = hostKey();
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", key, "10.1.1.5", "wrong-token"))
                .post(url).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", key, "10.1.1.5", token)
                        .replace("\"version\":\"1.2\"", "\"version\":\"2.0\"")).post(url).then().statusCode(400)
                .body("type", equalTo("urn:homefleet:problem:invalid-fields"));
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", "ssh-ed25519 not-base64", "10.1.1.5", token))
                .post(url).then().statusCode(400);
        assertEquals("installing", Api.state(m.hostname()));

        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", key, "10.1.1.5", token)).post(url)
                .then().statusCode(200);
        Api.operator().get("/api/v1/hosts/" + m.hostname()).then().body("state", equalTo("installed"))
                .body("ssh_host_keys_pinned", equalTo(true)).body("ip", equalTo("10.1.1.5"));
        // the installer retries a webhook it thinks failed: same keys fine, other keys refused
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", key, "10.1.1.5", token)).post(url)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", hostKey(), "10.1.1.5", token)).post(url)
                .then().statusCode(409);

        String scriptUrl = Installer.path(answer.at("/first-boot/url").asText());
        given().get("/api/hosts/" + m.hostname() + "/first-boot-script?token=nope").then().statusCode(401);
        given().get(scriptUrl).then().statusCode(200).body(containsString("/api/hosts/" + m.hostname() + "/phone-home"))
                .body(containsString(token)).body(containsString("#!/bin/sh"));

        given().contentType(ContentType.JSON).body("{\"ip\":\"10.1.1.5\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")
                .post("/api/hosts/" + m.hostname() + "/phone-home").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"ip\":\"10.1.1.5\",\"machine_id\":\"ffffffffffffffffffffffffffffffff\"}")
                .post("/api/hosts/" + m.hostname() + "/phone-home").then().statusCode(409);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"ip\":\"not an ip\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")
                .post("/api/hosts/" + m.hostname() + "/phone-home").then().statusCode(400);
        assertEquals("installed", Api.state(m.hostname()));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"ip\":\"10.1.1.5\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")
                .post("/api/hosts/" + m.hostname() + "/phone-home").then().statusCode(200);
        List<String> to = Api.operator().get("/api/v1/hosts/" + m.hostname() + "/history").then().extract().path("to");
        assertTrue(to.contains("first_boot"), to.toString());
    }

    @Test
    void aNewAnswerReplacesTheTokenOfTheLastOne() throws Exception {
        Names.Machine m = rebuilt("reanswer", "minisforum-ms-01");
        String first = Installer.answer(m.mac()).at("/post-installation-webhook/auth-token").asText();
        String second = Installer.answer(m.mac()).at("/post-installation-webhook/auth-token").asText();
        assertTrue(!first.equals(second));
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", hostKey(), "10.1.1.6", first))
                .post("/api/hosts/" + m.hostname() + "/installed").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Installer.webhookBody("x.lab", hostKey(), "10.1.1.6", second))
                .post("/api/hosts/" + m.hostname() + "/installed").then().statusCode(200);
    }
}
