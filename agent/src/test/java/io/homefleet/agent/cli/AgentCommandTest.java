package io.homefleet.agent.cli;

import io.homefleet.service.tls.Fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.agent.localapi.auth.OperatorCredential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI beside the daemon: --version, config validate, operator-token rotate, tls fingerprint, tokens. */
class AgentCommandTest {

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = new CommandLine(new AgentCommand()).execute(args);
            return new Run(code, out.toString().strip(), err.toString().strip());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path config(Path dir) throws Exception {
        return Files.writeString(dir.resolve("agent.yaml"), """
                hub:
                  url: https://hub.example.net
                  host_id: pve-01
                  host_key_file: %s/host.key
                local_api:
                  listen_addr: 127.0.0.1:8443
                state_dir: %s/state
                proxmox:
                  node: pve-01
                """.formatted(dir, dir));
    }

    @Test
    void versionNamesTheAgentAndItsVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("homefleet-agent \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void configValidateAcceptsAGoodFileAndWarnsAboutMissingFiles(@TempDir Path dir) throws Exception {
        Run r = run("config", "validate", "--config", config(dir).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid (host pve-01, node pve-01, local API 127.0.0.1:8443)"), r.out());
        assertTrue(r.out().contains("warning: hub.host_key_file"), r.out());
    }

    @Test
    void configValidateFailsWithEveryProblem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), "hub:\n  url: nope\n");
        Run r = run("config", "validate", "--config", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("hub.url: must be an http(s) URL"), r.err());
        assertTrue(r.err().contains("local_api: must not be null"), r.err());
    }

    @Test
    void operatorTokenRotateStoresOnlyTheHashOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = config(dir);
        Run r = run("operator-token", "rotate", "--config", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("hfo_"), r.out());
        Path hash = dir.resolve("state/operator-token.sha256");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hash)));
        assertTrue(new OperatorCredential(hash).matches(r.out()));
        assertTrue(!Files.readString(hash).contains(r.out()));
        Run second = run("operator-token", "rotate", "--config", file.toString());
        assertTrue(!new OperatorCredential(hash).matches(r.out()), "rotation ends the previous token");
        assertTrue(new OperatorCredential(hash).matches(second.out()));
    }

    @Test
    void tlsFingerprintCreatesTheCertificateOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        Path file = config(dir);
        Run first = run("tls", "fingerprint", "--config", file.toString());
        Run second = run("tls", "fingerprint", "--config", file.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().matches("[0-9A-F]{2}(:[0-9A-F]{2}){31}"), "printed as openssl prints it: " + first.out());
        assertEquals(first.out(), second.out(), "the certificate is created once and kept");
        assertEquals(first.out(), Fingerprint.of(dir.resolve("state/tls/local-api.crt")).toString());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/tls/local-api.key"))));
    }

    @Test
    void tokensMintListAndRevoke(@TempDir Path dir) throws Exception {
        Path file = config(dir);
        Run mint = run("tokens", "mint", "--vmid", "9200", "--config", file.toString());
        assertTrue(mint.out().startsWith("hfg_"), mint.out());
        Run list = run("tokens", "list", "--config", file.toString());
        assertTrue(list.out().startsWith("9200\t") && list.out().endsWith("active"), list.out());
        assertTrue(!list.out().contains(mint.out()), "listing never shows a token");
        Run revoke = run("tokens", "revoke", "--vmid", "9200", "--config", file.toString());
        assertEquals("revoked 1 token(s) of guest 9200", revoke.out());
    }

    @Test
    void theAuditLogIsOneHashChainAcrossRestartsAndAuditVerifyFindsATamperedLine(@TempDir Path dir) throws Exception {
        Path config = config(dir);
        Path audit = io.homefleet.agent.config.AgentConfigLoader.load(config).auditLogFile();
        try (var log = io.homefleet.service.audit.AuditLog.open(audit, java.time.Clock.systemUTC())) {
            log.record("format_refused", java.util.Map.of("device", "/dev/sdb", "reason", "device is mounted at /srv"), io.homefleet.service.audit.Durability.FORCED);
        }
        try (var log = io.homefleet.service.audit.AuditLog.open(audit, java.time.Clock.systemUTC())) {
            log.record("formatted", java.util.Map.of("device", "/dev/sdc", "fstype", "ext4"), io.homefleet.service.audit.Durability.FORCED);
        }
        Run ok = run("audit", "verify", "--config", config.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("ok: " + audit) && ok.out().endsWith("intact: 4 events"), ok.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));

        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(audit));
        lines.set(1, lines.get(1).replace("/dev/sdb", "/dev/sdz")); // line 2: the refusal
        Files.write(audit, lines);
        Run broken = run("audit", "verify", "--config", config.toString());
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.err().contains("line 2 was changed"), broken.err());
    }
}
