package io.homefleet.common.contract.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretDigestTest {

    @Test
    void digestIsLowerCaseHexSha256OfUtf8() {
        // sha256("abc") from FIPS 180-2, and a non-ASCII value digested from its UTF-8 bytes.
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretDigest.of("abc"));
        assertEquals("sha256:57413fe6f1844b6dba9dc3e4d6c8a3218abd2f860affdb331ad082cb65917a86",
                SecretDigest.of("árvíztűrő"));
        assertTrue(SecretDigest.isDigest(SecretDigest.of("árvíztűrő")));
        assertFalse(SecretDigest.isDigest("sha256:ABC"));
        assertFalse(SecretDigest.isDigest("hfc_secret"));
    }

    @Test
    void anOldReportWithoutTheNewFieldsIsStillRead() throws Exception {
        ControllerReport old = Json.mapper().readValue(
                GoldenContractTest.class.getResourceAsStream("/contracts/v1/controller-report.json"),
                ControllerReport.class);
        assertEquals(null, old.appliedRevision());
        assertEquals(null, old.configValues());
        ControllerReport sync = Json.mapper().readValue(
                GoldenContractTest.class.getResourceAsStream("/contracts/v1/controller-report-sync.json"),
                ControllerReport.class);
        assertEquals(12L, sync.appliedRevision());
        assertEquals(List.of("owner@demo-felhom.eu", "ops@homefleet.example"),
                sync.configValues().get("notifications.emails"));
        assertEquals("org.icewhale.vaultwarden", sync.installedApps().get(1).id());
        assertTrue(SecretDigest.isDigest((String) sync.configValues().get("hub.customer_key")));
    }
}
