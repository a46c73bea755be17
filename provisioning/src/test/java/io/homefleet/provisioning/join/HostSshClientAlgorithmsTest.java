package io.homefleet.provisioning.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;

/** The join client's algorithm order: classical key exchange and AES-GCM first, nothing dropped. */
class HostSshClientAlgorithmsTest {

    @Test
    void curve25519AheadOfThePostQuantumHybridsAndAesGcmAheadOfChaCha() {
        SshClient defaults = SshClient.setUpDefaultClient();
        List<String> kex = NamedResource.getNameList(HostSshClient.classicalFirst(defaults.getKeyExchangeFactories()));
        List<String> ciphers = NamedResource.getNameList(HostSshClient.hardwareAesFirst(defaults.getCipherFactories()));

        assertTrue(kex.get(0).startsWith("curve25519"), kex.toString());
        int lastClassical = kex.indexOf("curve25519-sha256");
        kex.stream().filter(k -> k.contains("sntrup") || k.contains("mlkem"))
                .forEach(k -> assertTrue(kex.indexOf(k) > lastClassical, kex.toString()));
        assertEquals(defaults.getKeyExchangeFactories().size(), kex.size(), "none dropped");

        assertTrue(ciphers.get(0).endsWith("-gcm@openssh.com"), ciphers.toString());
        ciphers.stream().filter(c -> c.startsWith("chacha"))
                .forEach(c -> assertEquals(ciphers.size() - 1, ciphers.indexOf(c), ciphers.toString()));
        assertEquals(defaults.getCipherFactories().size(), ciphers.size(), "none dropped");
    }
}
