package io.homefleet.service.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
    @Test
    void namesAndAddressesBecomeSubjectAlternativeNames() throws Exception {
        X509Certificate cert = SelfSignedCertificate.generate("CN=pve1,O=Homefleet",
                List.of("pve1", "localhost", "192.168.0.162", "::1")).certificate();
        Set<String> names = cert.getSubjectAlternativeNames().stream()
                .map(n -> n.get(0) + "=" + n.get(1)).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("2=pve1", "2=localhost", "7=192.168.0.162")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("7=0:0:0:0:0:0:0:1")), names.toString());
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=pve1"), cert.getSubjectX500Principal().getName());
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "server authentication");
        cert.verify(cert.getPublicKey());
    }

    @Test
    void createdOnceKeptAfterwardsKeyOwnerOnly(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls/server.crt");
        Path key = dir.resolve("tls/server.key");
        Fingerprint first = SelfSignedCertificate.ensure(cert, key, "CN=host", List.of("host"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(first, SelfSignedCertificate.ensure(cert, key, "CN=host", List.of("host")), "kept, not replaced");
        assertEquals(first, Fingerprint.of(cert));
    }

    @Test
    void aCertificateWithoutItsKeyIsNeverReplaced(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Fingerprint first = SelfSignedCertificate.ensure(cert, key, "CN=host", List.of("host"));
        Files.delete(key);
        IOException e = assertThrows(IOException.class, () -> SelfSignedCertificate.ensure(cert, key, "CN=host", List.of()));
        assertTrue(e.getMessage().contains(key + " is missing"), e.getMessage());
        assertEquals(first, Fingerprint.of(cert));
    }
}
