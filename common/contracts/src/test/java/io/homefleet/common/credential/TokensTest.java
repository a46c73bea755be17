package io.homefleet.common.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokensTest {

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void generatedTokenCarriesItsKindAndIsWellFormed(TokenKind kind) {
        String token = Tokens.generate(kind);
        assertTrue(token.startsWith(kind.prefix()));
        assertEquals(kind.prefix().length() + 43, token.length());
        assertTrue(Tokens.wellFormed(token), token);
        assertEquals(Optional.of(kind), TokenKind.of(token));
    }

    @Test
    void tokensAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(Tokens.generate(TokenKind.CUSTOMER)));
        }
    }

    @Test
    void storedHashMatchesOnlyTheSameToken() {
        String token = Tokens.generate(TokenKind.HOST);
        byte[] stored = Tokens.sha256(token);
        assertTrue(Tokens.matches(token, stored));
        assertFalse(Tokens.matches(token + "x", stored));
        assertFalse(Tokens.matches(Tokens.generate(TokenKind.HOST), stored));
        assertFalse(Tokens.matches(null, stored));
        assertEquals(64, Tokens.sha256Hex(token).length());
        assertNotEquals(token, Tokens.sha256Hex(token));
    }

    @Test
    void foreignStringsHaveNoKindAndAreNotWellFormed() {
        assertEquals(Optional.empty(), TokenKind.of("Bearer abc"));
        assertEquals(Optional.empty(), TokenKind.of(null));
        assertFalse(Tokens.wellFormed("hfc_short"));
        assertFalse(Tokens.wellFormed("hfc_" + "a".repeat(42) + "!"));
        assertFalse(Tokens.wellFormed(null));
    }

    @Test
    void hintNeverRevealsTheSecretPart() {
        String token = Tokens.generate(TokenKind.OPERATOR);
        String hint = Tokens.hint(token);
        assertTrue(hint.startsWith("hfo_"));
        assertTrue(hint.length() < 12);
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void hintHoldsNoPieceOfTheSecretBeyondThePrefix(TokenKind kind) {
        for (int n = 0; n < 200; n++) {
            String token = Tokens.generate(kind);
            String hint = Tokens.hint(token);
            assertEquals(kind.prefix() + "#" + Tokens.sha256Hex(token).substring(0, 6), hint);
            String secret = token.substring(kind.prefix().length());
            String label = hint.substring(kind.prefix().length());
            // The label is made of the hash alone; hints used to carry the secret's first four characters.
            assertFalse(label.contains(secret.substring(0, 4)), hint + " repeats the start of " + token);
        }
    }
}
