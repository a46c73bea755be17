package io.homefleet.agent.disk;

import io.homefleet.common.process.ProcessRunner;
import io.homefleet.common.contract.v1.BlockDevice;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for on-disk signatures with {@code blkid -p}: low-level probing of the device itself, not the udev cache
 * that lsblk reads (which is empty where udev does not run).
 */
public class SignatureProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final String blkid;

    public SignatureProbe(String blkid) {
        this.blkid = blkid;
    }

    /** What probing found. {@code failure} is set when probing itself did not work; the device then counts as data-bearing. */
    public record Probe(BlockDevice.Signature signature, String failure) {
        static Probe nothing() {
            return new Probe(null, null);
        }
    }

    public Probe probe(String devicePath) {
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(List.of(blkid, "-p", "-o", "export", devicePath), TIMEOUT);
        } catch (RuntimeException e) {
            return new Probe(null, "cannot probe " + devicePath + " (" + e.getMessage() + ")");
        }
        // blkid exit codes: 0 found, 2 nothing found, 8 ambivalent (several signatures), others: error.
        if (result.exitCode() == 2) {
            return Probe.nothing();
        }
        if (result.exitCode() == 8) {
            return new Probe(new BlockDevice.Signature("ambivalent", "other", null, null),
                    null);
        }
        if (!result.ok()) {
            return new Probe(null, "blkid -p failed on " + devicePath + ": " + result.stderr().strip());
        }
        Map<String, String> values = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (values.containsKey("TYPE")) {
            return new Probe(new BlockDevice.Signature(values.get("TYPE"), values.getOrDefault("USAGE", "other"),
                    values.get("LABEL"), values.get("UUID")), null);
        }
        if (values.containsKey("PTTYPE")) {
            return new Probe(new BlockDevice.Signature(values.get("PTTYPE"), "partition_table", null,
                    values.get("PTUUID")), null);
        }
        return Probe.nothing();
    }
}
