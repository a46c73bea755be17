package io.homefleet.provisioning.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;

/**
 * What the Proxmox installer and the installed host's first boot do, as WIRE-FORMATS describes them: fetch the
 * answer with the system info, put the answer's root SSH key in place, send the post-installation webhook with the
 * host's SSH host keys, fetch the first-boot script and phone home.
 */
public final class Installer {
    private static final TomlMapper TOML = new TomlMapper();

    private Installer() {
    }

    public static String systemInfo(String... macs) {
        StringBuilder nics = new StringBuilder();
        for (int i = 0; i < macs.length; i++) {
            nics.append(i == 0 ? "" : ",").append("{\"link\":\"eno").append(i + 1).append("\",\"mac\":\"")
                    .append(macs[i]).append("\"}");
        }
        return """
                {"$schema":{"version":"1.0"},
                 "product":{"fullname":"Proxmox VE","product":"pve","enable_btrfs":true},
                 "iso":{"release":"9.1","isorelease":"1"},
                 "dmi":{"system":{"serial":"S123","uuid":"0a1b2c3d-0000-0000-0000-000000000001","name":"MS-01"},
                        "baseboard":{"name":"AHWSA"},"chassis":{"serial":"C1"}},
                 "network_interfaces":[%s]}""".formatted(nics);
    }

    public static Response fetchAnswer(String... macs) {
        return given().contentType(ContentType.JSON).accept("application/json, application/toml;q=0.5")
                .body(systemInfo(macs)).post("/api/boot/answer");
    }

    /** The answer, parsed. */
    public static JsonNode answer(String... macs) throws Exception {
        Response r = fetchAnswer(macs);
        if (r.statusCode() != 200) {
            throw new AssertionError("answer: " + r.statusCode() + " " + r.asString());
        }
        return TOML.readTree(r.asString());
    }

    public static String webhookBody(String fqdn, String hostKey, String address, String token) {
        return """
                {"$schema":{"version":"1.2"},"debian-version":"13.1",
                 "product":{"fullname":"Proxmox VE","short":"pve","version":"9.1.1"},
                 "iso":{"release":"9.1","isorelease":"1"},
                 "kernel-version":{"sysname":"Linux","release":"6.14.8-2-pve","version":"#1 SMP","machine":"x86_64"},
                 "boot-info":{"mode":"efi"},
                 "cpu-info":{"cores":8,"cpus":16,"flags":"fpu vme","hvm":true,"model":"Intel Core i9","sockets":1},
                 "dmi":{"system":{"serial":"S123"}},
                 "filesystem":"ext4","fqdn":"%s","machine-id":"0123456789abcdef0123456789abcdef",
                 "disks":[{"size":512110190592,"is-bootdisk":true,"udev-properties":{}}],
                 "network-interfaces":[{"name":"enp2s0","mac":"52:54:00:00:00:01","address":"%s/24",
                   "is-management":true,"is-pinned":true,"udev-properties":{}}],
                 "ssh-public-host-keys":{"ed25519":"%s"},
                 "reboot-mode":"reboot","token":"%s"}""".formatted(fqdn, address, hostKey, token);
    }

    /** Everything from the answer to the phone-home, for {@code host} (whose sshd plays the installed machine). */
    public static void install(String mac, StandInHost host, String reportedHostKey) throws Exception {
        JsonNode answer = answer(mac);
        host.authorize(answer.path("global").path("root-ssh-keys").get(0).asText());
        String token = answer.path("post-installation-webhook").path("auth-token").asText();
        given().contentType(ContentType.JSON).body(webhookBody(answer.path("global").path("fqdn").asText(),
                        reportedHostKey, host.address(), token))
                .post(path(answer.path("post-installation-webhook").path("url").asText())).then().statusCode(200);
        String script = given().get(path(answer.path("first-boot").path("url").asText())).then().statusCode(200)
                .extract().asString();
        if (!script.contains(token)) {
            throw new AssertionError("the first-boot script does not carry the install token");
        }
        String phoneHome = path(answer.path("post-installation-webhook").path("url").asText())
                .replace("/installed", "/phone-home");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"ip\":\"" + host.address() + "\",\"machine_id\":\"0123456789abcdef0123456789abcdef\"}")
                .post(phoneHome).then().statusCode(200);
    }

    /** The path and query of a URL the answer names (its host is the configured public URL, not the test port). */
    public static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
