package io.homefleet.hub.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void semanticVersionOrder() {
        List<String> expected = List.of("0.9.0", "v0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2", "1.10.0",
                "13.0.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(Versions.ORDER);
        assertEquals(expected, shuffled);
        assertEquals(0, Versions.compare("1.2", "1.2.0"));
        assertEquals(0, Versions.compare("1.2.3+build.5", "v1.2.3"));
    }

    @Test
    void onlyVersionsAreVersions() {
        assertTrue(Versions.isVersion("0.107.76"));
        assertTrue(Versions.isVersion("14-vectorchord0.4.3"));
        assertFalse(Versions.isVersion("latest"));
        assertFalse(Versions.isVersion("1.0 beta"));
        assertFalse(Versions.isVersion(""));
        assertThrows(IllegalArgumentException.class, () -> Versions.compare("latest", "1.0"));
    }
}
