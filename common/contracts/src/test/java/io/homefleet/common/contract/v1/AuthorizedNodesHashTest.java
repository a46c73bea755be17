package io.homefleet.common.contract.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.json.Json;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list hash both sides compute: independent of order and duplicates, sensitive to every name and address. */
class AuthorizedNodesHashTest {

    @Test
    void goldenFileHashWasComputedIndependently() throws Exception {
        // The golden file's hash was computed outside Java (sorted "name|ip" lines, "\n"-joined, SHA-256).
        try (InputStream in = getClass().getResourceAsStream("/contracts/v1/authorized-nodes.json")) {
            AuthorizedNodes golden = Json.mapper().readValue(in, AuthorizedNodes.class);
            assertTrue(golden.hashMatches());
            assertEquals("sha256:5f80b1b52641e9f9cf20f11312d747f39aa95715d08845a9de8439506bcc27cf", golden.hash());
        }
    }

    @Test
    void orderAndDuplicatesDoNotMatterButContentDoes() {
        AuthorizedNode a = new AuthorizedNode("pve1", "10.0.0.1");
        AuthorizedNode b = new AuthorizedNode("pve2", "10.0.0.2");
        String hash = AuthorizedNodes.hashOf(List.of(a, b));
        assertEquals(hash, AuthorizedNodes.hashOf(List.of(b, a, b)));
        assertNotEquals(hash, AuthorizedNodes.hashOf(List.of(a)));
        assertNotEquals(hash, AuthorizedNodes.hashOf(List.of(a, new AuthorizedNode("pve2", "10.0.0.3"))));
        assertEquals("sha256:" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                AuthorizedNodes.hashOf(List.of()));
        assertEquals("pve3|", new AuthorizedNode("pve3", null).line());
        assertFalse(new AuthorizedNodes(List.of(a), hash, 60, java.time.Instant.EPOCH).hashMatches());
    }
}
