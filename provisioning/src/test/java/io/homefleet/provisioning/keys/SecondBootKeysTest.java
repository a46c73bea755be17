package io.homefleet.provisioning.keys;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.provisioning.support.Api;
import io.homefleet.provisioning.support.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds in a later Quarkus boot of the same JVM (a test profile restarts the application in a new class loader):
 * the Ed25519 key pair is generated, sealed and opened again as in the first boot. The first boot's BouncyCastle
 * provider, registered JVM-wide, must not be what MINA uses here.
 */
@QuarkusTest
@TestProfile(SecondBootKeysTest.OtherBoot.class)
class SecondBootKeysTest {

    /** Any profile of its own makes Quarkus boot the application again. */
    public static class OtherBoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("homefleet.provisioning.lifecycle.tick", "250ms");
        }
    }

    @Inject
    EphemeralKeys keys;

    @Test
    void rebuildGeneratesAnEd25519KeyInALaterBoot() {
        Names.Machine m = Names.next("second-boot");
        Api.register(m, "minisforum-ms-01");
        Api.operator().post("/api/v1/hosts/" + m.hostname() + "/rebuild").then().statusCode(200)
                .body("state", equalTo("pxe_ready")).body("ephemeral_key_held", equalTo(true));

        EphemeralKeys.Issued issued = keys.generate("second-boot-direct");
        assertEquals("ssh-ed25519", issued.publicKey().split(" ")[0]);
        KeyPair opened = keys.open("second-boot-direct", issued.sealedPrivateKey());
        org.hamcrest.MatcherAssert.assertThat(PublicKeyEntry.toString(opened.getPublic()), startsWith("ssh-ed25519 "));
        assertEquals(EphemeralKeys.keyMaterial(issued.publicKey()), PublicKeyEntry.toString(opened.getPublic()));
    }
}
