package io.homefleet.sensorproxy.socket;

import java.nio.file.Path;
import java.time.Duration;

/** How the socket listens and protects itself. */
public record SocketSettings(Path path, Duration readTimeout, Duration writeTimeout, long rateIntervalMs, int rateBurst,
                             int maxConcurrent, int maxConcurrentPerPeer, Duration malformedPenalty) {
    public static final int MAX_REQUEST_BYTES = 16 * 1024;
}
