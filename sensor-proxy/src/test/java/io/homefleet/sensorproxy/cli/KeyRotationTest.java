package io.homefleet.sensorproxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.sensorproxy.config.ConfigLoader;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.ssh.AuthorizedKeyLine;
import io.homefleet.sensorproxy.ssh.AuthorizedKeysFile;
import io.homefleet.sensorproxy.ssh.SshKeyStore;
import io.homefleet.sensorproxy.support.TestProxy;
import io.homefleet.sensorproxy.support.TestSshd;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Key rotation against a real sshd: stage, verify on the node, swap, and roll back. */
class KeyRotationTest {
    @Test
    void stageVerifySwapRollback() throws Exception {
        Assumptions.assumeTrue(TestSshd.available(), "openssh-server installed");
        Path dir = TestProxy.workDir();
        String command = "cat " + TestProxy.FIXTURES.resolve("proxy-ssh-coretemp-pkg-42.json");
        try (TestSshd sshd = new TestSshd(dir.resolve("sshd"), List.of("127.0.0.1"))) {
            sshd.start();
            String yaml = "allowed_nodes: [127.0.0.1]\ncache_ttl: 0s\nssh: {port: %d, proxmox_known_hosts_file: \"\", command: \"%s\"}\n"
                    .formatted(sshd.port, command);
            KeyPair original;
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", yaml)) {
                original = t.proxy.sshKey();
                sshd.authorize(AuthorizedKeyLine.of(SshKeyStore.publicLine(original), List.of(), command));
                assertTrue(t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}").path("success").asBoolean());
            }
            LoadedConfig loaded = new ConfigLoader(Map.of()).load(dir.resolve("config.yaml"));
            SshKeyStore store = new SshKeyStore(Path.of(loaded.config().stateDir()));
            KeyPair staged = store.stage();
            assertThrows(IOException.class, store::stage, "one staged key at a time");
            assertEquals(1, KeyRotation.verify(loaded, staged), "not yet on the node");

            // push: the line goes into the file sshd reads (as /etc/pve/priv/authorized_keys on a cluster), once
            AuthorizedKeysFile nodeKeys = new AuthorizedKeysFile(sshd.authorizedKeys);
            String newLine = AuthorizedKeyLine.of(SshKeyStore.publicLine(staged), List.of(), command);
            assertTrue(nodeKeys.add(newLine, staged));
            assertFalse(nodeKeys.add(newLine, staged), "idempotent");
            assertEquals(0, KeyRotation.verify(loaded, staged));

            store.swap();
            assertEquals(1, nodeKeys.remove(store.loadPrevious()), "retire the previous key's line");
            assertEquals(1, java.nio.file.Files.readAllLines(sshd.authorizedKeys).size());
            try (TestProxy t = TestProxy.start(dir, "proxy-ssh-coretemp-pkg-42.json", yaml)) {
                assertEquals(SshKeyStore.publicLine(staged), SshKeyStore.publicLine(t.proxy.sshKey()));
                JsonNode r = t.call("{\"method\":\"get_temperature\",\"params\":{\"node\":\"127.0.0.1\"}}");
                assertEquals(42.0, r.path("data").path("cpu").path("package").asDouble(), r::toString);
            }
            store.rollback();
            assertNotEquals(SshKeyStore.publicLine(staged), SshKeyStore.publicLine(store.loadOrCreate()));
            assertEquals(SshKeyStore.publicLine(original), SshKeyStore.publicLine(store.loadOrCreate()));
        }
    }
}
