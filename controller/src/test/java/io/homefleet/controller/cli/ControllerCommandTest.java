package io.homefleet.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.service.version.ServiceVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code controller --version} and {@code controller config validate}, as an operator runs them. */
class ControllerCommandTest {

    private static String[] run(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        System.setOut(new java.io.PrintStream(out, true));
        System.setErr(new java.io.PrintStream(err, true));
        try {
            int code = new CommandLine(new ControllerCommand()).execute(args);
            return new String[] {Integer.toString(code), out.toString(), err.toString()};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionNamesTheBuild() {
        String[] r = run("--version");
        assertEquals("0", r[0], r[2]);
        assertEquals("homefleet-controller " + ServiceVersion.of("controller"), r[1].strip());
        assertTrue(!ServiceVersion.of("controller").equals("unknown"));
    }

    @Test
    void validateSaysValidOrNamesEveryProblem(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("customer.key"), "hfc_x\n");
        Path good = Files.writeString(dir.resolve("controller.yaml"), """
                customer: {id: demo-felhom, name: Demo, domain: demo-felhom.eu}
                hub: {url: "https://hub.example.net", customer_key_file: %s}
                """.formatted(key));
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-r--r--"));
        String[] ok = run("config", "validate", "--config", good.toString());
        assertEquals("0", ok[0], ok[2]);
        assertTrue(ok[1].contains("valid (customer demo-felhom, hub https://hub.example.net"), ok[1]);
        assertTrue(ok[1].contains("readable by others; chmod 600"), ok[1]);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "customer: {id: demo}\nhub: {url: \"http://hub\"}\nweb: {lisen: x}\n");
        String[] refused = run("config", "validate", "--config", bad.toString());
        assertEquals("1", refused[0]);
        assertTrue(refused[2].contains("unknown key 'web.lisen'"), refused[2]);

        Path plain = Files.writeString(dir.resolve("plain.yaml"), "customer: {id: demo}\nhub: {url: \"http://hub\", "
                + "customer_key_file: /k}\n");
        String[] plainHttp = run("config", "validate", "--config", plain.toString());
        assertEquals("1", plainHttp[0]);
        assertTrue(plainHttp[2].contains("hub.url: http://hub is plain http"), plainHttp[2]);
    }
}
