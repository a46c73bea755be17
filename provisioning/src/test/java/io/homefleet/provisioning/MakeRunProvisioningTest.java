package io.homefleet.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code make run-provisioning} keeps its config, token and embedded database under {@code .homefleet/provisioning/}
 * of the checkout, as docs/provisioning.md says (it once wrote them to {@code /provisioning} at the file system's
 * root: the directory was computed before {@code DATA_DIR} was set). Read from what make would run ({@code make -n}).
 */
class MakeRunProvisioningTest {

    @Test
    void itsDataDirectoryIsUnderTheCheckout() throws Exception {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        String commands = dryRun(checkout, "run-provisioning");
        String expected = checkout.resolve(".homefleet").resolve("provisioning").toString();
        assertTrue(commands.contains("-Dhomefleet.provisioning.data-dir=" + expected + " "), commands);
        assertTrue(commands.contains("--config " + expected + "/provisioning.yaml"), commands);
        assertTrue(dryRun(checkout, "run").contains("-Dhomefleet.hub.data-dir=" + checkout.resolve(".homefleet")
                .resolve("hub") + " "), "make run keeps the hub's data beside it");
    }

    private static String dryRun(Path checkout, String target) throws IOException, InterruptedException {
        Process make = new ProcessBuilder("make", "-n", "-C", checkout.toString(), target).redirectErrorStream(true)
                .start();
        String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(30, TimeUnit.SECONDS), "make -n did not finish");
        assertEquals(0, make.exitValue(), out);
        return out;
    }
}
