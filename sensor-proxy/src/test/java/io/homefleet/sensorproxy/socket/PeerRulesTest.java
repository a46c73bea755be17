package io.homefleet.sensorproxy.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.ProxyConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authorization and limiter rules that need no socket: who gets what, and how buckets refill. */
class PeerRulesTest {
    private static final IdMapRanges ROOT_RANGE = new IdMapRanges(List.of(new IdMapRanges.Range("root", 100000, 65536)),
            List.of(new IdMapRanges.Range("root", 100000, 65536)));

    @TempDir
    Path dir;

    @Test
    void oneContainerSharesOneBucketAndGetsReadOnly() throws Exception {
        ProxyConfig c = config("allow_idmapped_root: true\n");
        PeerAuthorizer authorizer = new PeerAuthorizer(c, ROOT_RANGE, 999);
        PeerAccess root = authorizer.authorize(new PeerCredentials(100000, 100000)).orElseThrow();
        PeerAccess app = authorizer.authorize(new PeerCredentials(101000, 101000)).orElseThrow();
        assertEquals(root.limiterKey(), app.limiterKey(), "every uid of the range is one caller");
        assertEquals(EnumSet.of(Capability.READ), root.capabilities());
        assertTrue(authorizer.authorize(new PeerCredentials(100000, 5)).isEmpty(), "gid outside the mapped range");
        assertTrue(authorizer.authorize(new PeerCredentials(165536, 165536)).isEmpty(), "just past the range");
    }

    @Test
    void listedCapabilitiesWinOverImplicitOnesAndLegacyListsGrantEverything() throws Exception {
        ProxyConfig c = config("allowed_peers: [{uid: 0, capabilities: [read]}]\nallowed_peer_gids: [33]\n");
        PeerAuthorizer authorizer = new PeerAuthorizer(c, ROOT_RANGE, 999);
        assertEquals(EnumSet.of(Capability.READ), authorizer.authorize(new PeerCredentials(0, 0)).orElseThrow().capabilities());
        assertEquals(Capability.ALL, authorizer.authorize(new PeerCredentials(999, 999)).orElseThrow().capabilities(), "own uid");
        assertEquals(Capability.ALL, authorizer.authorize(new PeerCredentials(1234, 33)).orElseThrow().capabilities());
        assertTrue(authorizer.authorize(new PeerCredentials(100000, 100000)).isEmpty(), "ID-mapped access is off by default");
    }

    @Test
    void tokenBucketAllowsTheBurstThenOnePerInterval() {
        AtomicLong now = new AtomicLong(0);
        TokenBucketLimiter limiter = new TokenBucketLimiter(1000, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.tryAcquire("uid:1000"));
        }
        assertEquals(1000, limiter.tryAcquire("uid:1000"));
        assertEquals(0, limiter.tryAcquire("uid:0"), "buckets are per peer");
        now.addAndGet(400_000_000L);
        assertEquals(600, limiter.tryAcquire("uid:1000"));
        now.addAndGet(600_000_000L);
        assertEquals(0, limiter.tryAcquire("uid:1000"));
        assertEquals(1000, limiter.tryAcquire("uid:1000"));
    }

    private ProxyConfig config(String yaml) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("config.yaml"), yaml);
        return new ConfigLoader(java.util.Map.of()).load(file).config();
    }
}
