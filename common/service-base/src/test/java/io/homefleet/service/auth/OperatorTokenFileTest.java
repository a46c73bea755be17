package io.homefleet.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator token a service starts with: configured, else generated once into a 0600 file and kept. */
class OperatorTokenFileTest {
    @Test
    void aConfiguredOperatorTokenIsUsedAndNoFileIsWritten(@TempDir Path dir) {
        String token = Tokens.generate(TokenKind.OPERATOR);
        List<String> used = new ArrayList<>();
        OperatorTokenFile.Resolved resolved = OperatorTokenFile.establish(Optional.of(" " + token + " "),
                "homefleet.test.operator.token", dir, used::add, 8080, "/api/v1/hosts");
        assertEquals(List.of(token), used);
        assertNull(resolved.file());
        assertTrue(!Files.exists(dir.resolve(OperatorTokenFile.FILE_NAME)));
    }

    @Test
    void withoutOneATokenIsGeneratedOnceInto0600AndKeptAcrossStarts(@TempDir Path dir) throws Exception {
        List<String> used = new ArrayList<>();
        OperatorTokenFile.Resolved first = OperatorTokenFile.establish(Optional.empty(), "k", dir, used::add, 1, "/");
        OperatorTokenFile.Resolved again = OperatorTokenFile.establish(Optional.empty(), "k", dir, used::add, 1, "/");
        Path file = dir.resolve(OperatorTokenFile.FILE_NAME).toAbsolutePath();
        assertEquals(file, first.file());
        assertEquals(TokenKind.OPERATOR, TokenKind.of(first.token()).orElseThrow());
        assertEquals(List.of(first.token(), first.token()), used, "the second start uses the same token");
        assertEquals(first, again);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aConfiguredTokenOfAnotherKindIsRefusedNamingItsKey(@TempDir Path dir) {
        List<String> used = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OperatorTokenFile.establish(
                Optional.of(Tokens.generate(TokenKind.HOST)), "homefleet.test.operator.token", dir, used::add, 1, "/"));
        assertTrue(e.getMessage().startsWith("homefleet.test.operator.token must be an operator token"), e.getMessage());
        assertTrue(used.isEmpty(), "nothing is used");
    }
}
