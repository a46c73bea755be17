package io.homefleet.controller.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding controller.yaml from the agent's bootstrap.json: the contract's golden file is the agent's output. */
class BootstrapSeederTest {

    static Path golden(Path dir) throws Exception {
        try (InputStream in = BootstrapSeederTest.class.getResourceAsStream("/contracts/v1/guest-bootstrap.json")) {
            Path file = dir.resolve("homefleet-bootstrap/bootstrap.json");
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void seedsAValidOwnerOnlyConfigWithTheSecretsInTheirOwnFiles(@TempDir Path dir) throws Exception {
        Path bootstrap = golden(dir);
        Path config = dir.resolve("etc/controller.yaml");
        BootstrapSeeder.Outcome outcome = BootstrapSeeder.seed(bootstrap, config);
        assertEquals(BootstrapSeeder.Outcome.Kind.SEEDED, outcome.kind());
        assertEquals("bootstrap: seeded controller.yaml from " + bootstrap + "; coming up configured", outcome.message(),
                "the seed's 2b: the startup log says so");
        for (Path secret : new Path[] {config, dir.resolve("etc/customer.key"), dir.resolve("etc/guest.token")}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        String yaml = Files.readString(config);
        assertFalse(yaml.contains("hfc_") || yaml.contains("hfg_"), "no secret in controller.yaml:\n" + yaml);
        ControllerConfig loaded = ControllerConfigLoader.load(config, Map.of());
        assertEquals("demo-felhom", loaded.customer().id());
        assertEquals("Felhom Demo", loaded.customer().name());
        assertEquals("demo-felhom.eu", loaded.customer().domain());
        assertEquals("https://hub.example.net", loaded.hub().url());
        assertEquals("192.168.0.162:8443", loaded.localApi().endpoint());
        assertEquals(9200, loaded.localApi().vmid());
        assertTrue(Files.readString(loaded.hub().customerKeyFile()).startsWith("hfc_AAAA"));
        assertTrue(Files.readString(loaded.localApi().tokenFile()).startsWith("hfg_BBBB"));
    }

    @Test
    void neverOverwritesAnExistingConfig(@TempDir Path dir) throws Exception {
        Path bootstrap = golden(dir);
        Path config = dir.resolve("controller.yaml");
        Files.writeString(config, "# mine\n");
        BootstrapSeeder.Outcome outcome = BootstrapSeeder.seed(bootstrap, config);
        assertEquals(BootstrapSeeder.Outcome.Kind.CONFIG_EXISTS, outcome.kind());
        assertEquals("# mine\n", Files.readString(config));
        assertFalse(Files.exists(dir.resolve("customer.key")));
    }

    @Test
    void refusesAHostKeyNamingItsKind(@TempDir Path dir) throws Exception {
        Path bootstrap = golden(dir);
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(bootstrap.toFile());
        ((ObjectNode) doc.get("hub")).put("customer_key", Tokens.generate(TokenKind.HOST));
        Files.write(bootstrap, Json.mapper().writeValueAsBytes(doc));
        Path config = dir.resolve("controller.yaml");
        BootstrapSeeder.Outcome outcome = BootstrapSeeder.seed(bootstrap, config);
        assertEquals(BootstrapSeeder.Outcome.Kind.REFUSED, outcome.kind());
        assertTrue(outcome.message().contains("is a host key (hfh_...) where the customer key (hfc_...) is required"),
                outcome.message());
        assertFalse(Files.exists(config), "nothing is written");
        assertFalse(Files.exists(dir.resolve("customer.key")));
    }

    @Test
    void withNeitherFileItIsSetupMode(@TempDir Path dir) {
        assertEquals(BootstrapSeeder.Outcome.Kind.NO_BOOTSTRAP,
                BootstrapSeeder.seed(dir.resolve("bootstrap.json"), dir.resolve("controller.yaml")).kind());
    }
}
