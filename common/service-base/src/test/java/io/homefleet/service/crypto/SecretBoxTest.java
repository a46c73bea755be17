package io.homefleet.service.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileIsMadeOwnerOnlyOnceAndReadAgain() throws Exception {
        Path file = dir.resolve("secrets.key");
        SecretBox first = SecretBox.fromKeyFile(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Files.size(file));
        byte[] key = Files.readAllBytes(file);
        String sealed = first.sealText("tunnel-token", "ctx");
        SecretBox again = SecretBox.fromKeyFile(file);
        assertArrayEquals(key, Files.readAllBytes(file), "an existing key is never replaced");
        assertEquals("tunnel-token", again.openText(sealed, "ctx"));
    }

    @Test
    void sealedTextNeverHoldsThePlainTextAndOpensOnlyInItsContextWithItsKey() throws Exception {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("a.key"));
        String sealed = box.sealText("s3cret-value", "customer-config:acme:tunnel_token");
        assertTrue(sealed.startsWith(SecretBox.TEXT_PREFIX));
        assertFalse(sealed.contains("s3cret-value"));
        assertNotEquals(sealed, box.sealText("s3cret-value", "customer-config:acme:tunnel_token"), "fresh IV each time");
        assertEquals("s3cret-value", box.openText(sealed, "customer-config:acme:tunnel_token"));
        assertThrows(IllegalStateException.class, () -> box.openText(sealed, "customer-config:other:tunnel_token"),
                "a value moved to another customer does not open");
        SecretBox otherKey = SecretBox.fromKeyFile(dir.resolve("b.key"));
        assertThrows(IllegalStateException.class, () -> otherKey.openText(sealed, "customer-config:acme:tunnel_token"));
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "AB" : "AA");
        assertThrows(IllegalStateException.class, () -> box.openText(tampered, "customer-config:acme:tunnel_token"));
    }

    @Test
    void aValueStoredBeforeEncryptionIsReturnedAsItIs() throws Exception {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("c.key"));
        assertEquals("plain-legacy", box.openText("plain-legacy", "any"));
        assertEquals(null, box.openText(null, "any"));
        assertFalse(SecretBox.isSealed("plain-legacy"));
    }

    @Test
    void aSharedBase64KeyOpensWhatTheFileKeySealed() throws Exception {
        Path file = dir.resolve("d.key");
        SecretBox fromFile = SecretBox.fromKeyFile(file);
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        assertEquals("x", SecretBox.fromBase64(base64).openText(fromFile.sealText("x", "c"), "c"));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("c2hvcnQ="), "16 bytes is not AES-256");
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("not base64!"));
        Files.write(dir.resolve("bad.key"), new byte[7]);
        assertThrows(IllegalStateException.class, () -> SecretBox.fromKeyFile(dir.resolve("bad.key")));
    }
}
