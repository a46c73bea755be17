package io.homefleet.agent.disk;

import io.homefleet.common.process.ProcessRunner;
import java.time.Duration;
import java.util.List;

/** Creates a filesystem with mkfs; the device path is one the agent itself listed, passed as an argument, never through a shell. */
public class DiskFormatter {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    public ProcessRunner.Result format(String devicePath, String fstype) {
        List<String> command = switch (fstype) {
            // -F/-f: the agent has already decided the device holds nothing; mkfs must not stop to ask.
            case "ext4" -> List.of("mkfs.ext4", "-F", "-q", devicePath);
            case "xfs" -> List.of("mkfs.xfs", "-f", "-q", devicePath);
            default -> throw new IllegalArgumentException("unsupported fstype " + fstype);
        };
        return ProcessRunner.run(command, TIMEOUT);
    }
}
