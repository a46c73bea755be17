package io.homefleet.controller.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.homefleet.common.contract.v1.GuestBootstrap;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Seeds controller.yaml from the agent's bootstrap.json when there is no controller.yaml yet: the customer's
 * identity, the hub URL and the customer's key, the local API's endpoint, fingerprint and this guest's token. The keys
 * go to their own 0600 files beside controller.yaml; controller.yaml itself is written 0600 and last, and never over
 * an existing one. A bootstrap whose hub key is not a customer key is refused with the kind it is (the seed's 3.5).
 */
public final class BootstrapSeeder {
    public static final String CUSTOMER_KEY_FILE = "customer.key";
    public static final String GUEST_TOKEN_FILE = "guest.token";
    private static final ObjectMapper JSON = Json.mapper();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    /** What happened, in words for the log. */
    public record Outcome(Kind kind, String message) {
        public enum Kind { SEEDED, CONFIG_EXISTS, NO_BOOTSTRAP, REFUSED }
    }

    private BootstrapSeeder() {
    }

    public static Outcome seed(Path bootstrapFile, Path configFile) {
        if (Files.exists(configFile)) {
            return new Outcome(Outcome.Kind.CONFIG_EXISTS, configFile + " exists; " + bootstrapFile + " is not used");
        }
        if (!Files.exists(bootstrapFile)) {
            return new Outcome(Outcome.Kind.NO_BOOTSTRAP, "neither " + configFile + " nor " + bootstrapFile + " exists");
        }
        GuestBootstrap bootstrap;
        try {
            bootstrap = JSON.readValue(bootstrapFile.toFile(), GuestBootstrap.class);
        } catch (IOException e) {
            return refused(bootstrapFile, "it is not a readable bootstrap document: " + firstLine(e.getMessage()));
        }
        Optional<String> wrong = check(bootstrap);
        if (wrong.isPresent()) {
            return refused(bootstrapFile, wrong.get());
        }
        try {
            Path dir = configFile.toAbsolutePath().getParent();
            Path keyFile = dir.resolve(CUSTOMER_KEY_FILE);
            Path tokenFile = dir.resolve(GUEST_TOKEN_FILE);
            AtomicFiles.writeSecret(keyFile, (bootstrap.hub().customerKey() + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.writeSecret(tokenFile, (bootstrap.localApi().token() + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] yaml = yaml(bootstrap, bootstrapFile, keyFile, tokenFile).getBytes(StandardCharsets.UTF_8);
            if (!AtomicFiles.writeSecretIfAbsent(configFile, yaml)) {
                return new Outcome(Outcome.Kind.CONFIG_EXISTS, configFile + " appeared meanwhile; it is kept");
            }
        } catch (IOException e) {
            return refused(bootstrapFile, "cannot write " + configFile + ": " + e.getMessage());
        }
        return new Outcome(Outcome.Kind.SEEDED, "bootstrap: seeded " + configFile.getFileName() + " from "
                + bootstrapFile + "; coming up configured");
    }

    /** The first thing that makes the bootstrap unusable, naming the credential kinds. */
    static Optional<String> check(GuestBootstrap b) {
        if (b.customer() == null || b.customer().id() == null || b.hub() == null || b.hub().url() == null
                || b.localApi() == null) {
            return Optional.of("it lacks customer.id, hub.url or local_api");
        }
        String key = b.hub().customerKey();
        Optional<TokenKind> kind = TokenKind.of(key);
        if (kind.isEmpty() || kind.get() != TokenKind.CUSTOMER) {
            return Optional.of("hub.customer_key is " + kind.map(k -> "a " + k.displayName() + " (" + k.prefix() + "...)")
                    .orElse("not a Homefleet key") + " where the customer key (hfc_...) is required; the hub refuses "
                    + "controller reports with any other key. Re-provision the guest so the agent writes the "
                    + "customer's own key, or set up this controller with its retrieval password");
        }
        String token = b.localApi().token();
        Optional<TokenKind> tokenKind = TokenKind.of(token);
        if (tokenKind.isEmpty() || tokenKind.get() != TokenKind.GUEST) {
            return Optional.of("local_api.token is " + tokenKind.map(k -> "a " + k.displayName() + " (" + k.prefix()
                    + "...)").orElse("not a Homefleet token") + " where a guest token (hfg_...) is required");
        }
        return Optional.empty();
    }

    private static String yaml(GuestBootstrap b, Path bootstrapFile, Path keyFile, Path tokenFile) throws IOException {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode customer = root.putObject("customer");
        customer.put("id", b.customer().id());
        customer.put("name", b.customer().name());
        customer.put("domain", b.customer().domain());
        ObjectNode hub = root.putObject("hub");
        hub.put("url", b.hub().url());
        hub.put("customer_key_file", keyFile.toString());
        ObjectNode api = root.putObject("local_api");
        api.put("endpoint", b.localApi().endpoint());
        api.put("fingerprint", b.localApi().fingerprint());
        api.put("token_file", tokenFile.toString());
        api.put("vmid", b.vmid());
        return "# Seeded from " + bootstrapFile + " (guest " + b.vmid() + " on host " + b.hostId() + ", issued "
                + b.issuedAt() + ").\n# Edit freely: the bootstrap is never applied over an existing controller.yaml.\n"
                + YAML.writeValueAsString(root);
    }

    private static Outcome refused(Path bootstrapFile, String why) {
        return new Outcome(Outcome.Kind.REFUSED, "bootstrap: refusing " + bootstrapFile + ": " + why);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
