package io.homefleet.service.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void hashesVerifyAndSaltDiffers() {
        String a = PasswordHasher.hash("s3cret pass", 4);
        String b = PasswordHasher.hash("s3cret pass", 4);
        assertTrue(a.startsWith("$2b$04$"), a);
        assertNotEquals(a, b);
        assertTrue(PasswordHasher.verify("s3cret pass", a));
        assertTrue(PasswordHasher.verify("s3cret pass", b));
        assertFalse(PasswordHasher.verify("s3cret pasS", a));
        assertFalse(PasswordHasher.verify("", a));
    }

    @Test
    void costIsTheConfiguredOne() {
        assertTrue(PasswordHasher.hash("x", 6).startsWith("$2b$06$"));
    }

    @Test
    void missingOrMalformedHashesNeverMatch() {
        assertFalse(PasswordHasher.verify("anything", null));
        assertFalse(PasswordHasher.verify("anything", "not a hash"));
        assertFalse(PasswordHasher.verify(null, PasswordHasher.hash("x", 4)));
    }

    @Test
    void emptyAndOverlongPasswordsAreRefused() {
        assertNotNull(PasswordHasher.problemWith(""));
        assertNotNull(PasswordHasher.problemWith("é".repeat(37)));
        assertNull(PasswordHasher.problemWith("a".repeat(72)));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.hash("a".repeat(73), 4));
    }
}
