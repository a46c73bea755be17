package io.homefleet.service.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.homefleet.common.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate("CN=fingerprint-test", List.of("localhost"));

    @Test
    void writtenAsUpperCaseColonSeparatedPairs() {
        String text = CERT.fingerprint().toString();
        assertTrue(text.matches("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$"), text);
    }

    @Test
    void readInEveryCommonSpellingAsTheSameFingerprint() {
        String canonical = CERT.fingerprint().toString();
        String plainLower = canonical.replace(":", "").toLowerCase(Locale.ROOT);
        for (String spelling : List.of(canonical, canonical.toLowerCase(Locale.ROOT), plainLower,
                plainLower.toUpperCase(Locale.ROOT), "sha256:" + plainLower, "SHA256:" + canonical,
                "sha256 Fingerprint=" + canonical, "  " + canonical + "\n")) {
            Fingerprint parsed = Fingerprint.parse(spelling);
            assertEquals(CERT.fingerprint(), parsed, spelling);
            assertEquals(canonical, parsed.toString(), "round trip from " + spelling);
            assertTrue(parsed.matches(CERT.certificate()), spelling);
        }
    }

    @Test
    void refusesWhatIsNotOne() {
        String canonical = CERT.fingerprint().toString();
        for (String bad : List.of("", "abc", canonical.substring(3), canonical.replace(':', '-'),
                canonical.replace(":", "").substring(1) + "g", "md5:" + canonical, canonical.replaceFirst(":", ""))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(bad), bad);
            assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
            assertFalse(Fingerprint.isValid(bad));
        }
    }

    @Test
    void theContractsPatternAcceptsExactlyWhatParseAccepts() {
        // The contract records cannot depend on this class; their Bean Validation pattern must still agree with it.
        java.util.regex.Pattern contract = java.util.regex.Pattern.compile(
                io.homefleet.common.contract.v1.TemperatureProxyRegistration.FINGERPRINT);
        String canonical = CERT.fingerprint().toString();
        String plainLower = canonical.replace(":", "").toLowerCase(Locale.ROOT);
        for (String spelling : List.of(canonical, canonical.toLowerCase(Locale.ROOT), plainLower,
                plainLower.toUpperCase(Locale.ROOT), "sha256:" + plainLower, "SHA256:" + canonical, "sha-256:" + canonical,
                "sha256: " + canonical, "sha256 Fingerprint=" + canonical, "SHA256 Fingerprint=" + plainLower,
                "  " + canonical + "\n", "", "abc", canonical.substring(3), canonical.replace(':', '-'),
                plainLower.substring(1) + "g", "md5:" + canonical, canonical.replaceFirst(":", ""), "sha256:",
                "sha1:" + plainLower, canonical + ":")) {
            assertEquals(Fingerprint.isValid(spelling), contract.matcher(spelling).matches(), "'" + spelling + "'");
        }
    }

    @Test
    void anotherCertificateDoesNotMatch() {
        SelfSignedCertificate other = SelfSignedCertificate.generate("CN=fingerprint-test", List.of("localhost"));
        assertNotEquals(CERT.fingerprint(), other.fingerprint());
        assertFalse(CERT.fingerprint().matches(other.certificate()));
    }

    @Test
    void sameAsOpensslPrints(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessRunner.run(List.of("sh", "-c", "command -v openssl"), Duration.ofSeconds(5)).ok(),
                "openssl is installed");
        CERT.write(dir.resolve("c.pem"), dir.resolve("k.pem"));
        String printed = ProcessRunner.run(List.of("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                dir.resolve("c.pem").toString()), Duration.ofSeconds(10)).stdout().strip();
        assertEquals(CERT.fingerprint().toString(), printed.substring(printed.indexOf('=') + 1), printed);
        assertEquals(CERT.fingerprint(), Fingerprint.parse(printed), "openssl's whole line is accepted");
        assertEquals(CERT.fingerprint(), Fingerprint.of(dir.resolve("c.pem")));
    }
}
