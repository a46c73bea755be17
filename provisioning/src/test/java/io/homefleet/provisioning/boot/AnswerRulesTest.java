package io.homefleet.provisioning.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The installer's own answer fixtures (proxmox/pve-installer, 9.2.7) against {@link AnswerRules}: every valid answer
 * is accepted, every invalid one refused with the installer's words, every legacy snake_case one accepted with a
 * warning.
 */
class AnswerRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fixtures() throws URISyntaxException {
        return Path.of(AnswerRulesTest.class.getResource("/proxmox-installer/README.md").toURI()).getParent();
    }

    static Stream<String> valid() throws Exception {
        return names("answer-valid");
    }

    static Stream<String> invalid() throws Exception {
        return names("answer-invalid");
    }

    static Stream<String> legacy() throws Exception {
        return names("answer-legacy-snake-case");
    }

    private static Stream<String> names(String dir) throws Exception {
        try (Stream<Path> files = Files.list(fixtures().resolve(dir))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertFalse(names.isEmpty(), "no fixtures in " + dir);
            return names.stream();
        }
    }

    /** The run environment the installer's tests use: DHCP gave hostname pveauto and domain test.local. */
    static AnswerRules.RunEnv runEnv(Path dir, String name) throws IOException, URISyntaxException {
        Path own = dir.resolve(name + ".run-env.json");
        JsonNode env = JSON.readTree((Files.exists(own) ? own : fixtures().resolve("installer-env/run-env-info.json"))
                .toFile());
        JsonNode network = env.path("network");
        return new AnswerRules.RunEnv(network.path("hostname").isTextual() ? network.get("hostname").asText() : null,
                network.path("dns").path("domain").isTextual() ? network.path("dns").get("domain").asText() : null);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validAnswersAreAccepted(String name) throws Exception {
        Path dir = fixtures().resolve("answer-valid");
        AnswerRules.Verdict verdict = AnswerRules.check(Files.readString(dir.resolve(name + ".toml")), runEnv(dir, name));
        assertEquals(List.of(), verdict.errors(), name);
        assertEquals(List.of(), verdict.warnings(), name + " is written in kebab-case");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidAnswersAreRefusedWithTheInstallersWords(String name) throws Exception {
        Path dir = fixtures().resolve("answer-invalid");
        JsonNode expected = JSON.readTree(dir.resolve(name + ".json").toFile());
        String message = expected.has("parse-error") ? expected.get("parse-error").asText() : expected.get("error").asText();
        AnswerRules.Verdict verdict = AnswerRules.check(Files.readString(dir.resolve(name + ".toml")), runEnv(dir, name));
        assertFalse(verdict.accepted(), name + " must be refused");
        assertEquals(message, verdict.errors().get(0), name);
    }

    @ParameterizedTest
    @MethodSource("legacy")
    void legacySnakeCaseAnswersAreAcceptedWithAWarning(String name) throws Exception {
        Path dir = fixtures().resolve("answer-legacy-snake-case");
        AnswerRules.Verdict verdict = AnswerRules.check(Files.readString(dir.resolve(name + ".toml")), runEnv(dir, name));
        assertEquals(List.of(), verdict.errors(), name);
        assertFalse(verdict.warnings().isEmpty(), name + " uses snake_case keys, which 9.x warns about");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void aValidAnswerMissingItsPasswordIsRefused(String name) throws Exception {
        String toml = Files.readString(fixtures().resolve("answer-valid").resolve(name + ".toml"))
                .replaceAll("(?m)^root-password(-hashed)? = .*$", "");
        AnswerRules.Verdict verdict = AnswerRules.check(toml, runEnv(fixtures().resolve("answer-valid"), name));
        assertTrue(verdict.errors().contains("One of `global.root-password` or `global.root-password-hashed` must be set"),
                name + ": " + verdict.errors());
    }
}
