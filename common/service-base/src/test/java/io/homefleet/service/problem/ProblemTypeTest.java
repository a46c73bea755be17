package io.homefleet.service.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every problem type is unique, and docs/errors.md lists each with its status and title. */
class ProblemTypeTest {
    @Test
    void typesAreUniqueUrns() {
        assertEquals(ProblemType.values().length,
                Arrays.stream(ProblemType.values()).map(ProblemType::uri).collect(Collectors.toSet()).size());
        for (ProblemType type : ProblemType.values()) {
            assertTrue(type.uri().matches("urn:homefleet:problem:[a-z]+(-[a-z]+)*"), type.uri());
            assertEquals(type, ProblemType.fromUri(type.uri()));
        }
    }

    @Test
    void errorsPageListsEveryType() throws Exception {
        Path page = Path.of("../../docs/errors.md");
        String text = Files.readString(page);
        for (ProblemType type : ProblemType.values()) {
            String row = "| `" + type.uri() + "` | " + type.status() + " | " + type.title() + " |";
            assertTrue(text.contains(row), "docs/errors.md lacks the row for " + type + ": " + row);
        }
    }
}
