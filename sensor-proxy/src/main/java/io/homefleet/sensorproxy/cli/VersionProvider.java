package io.homefleet.sensorproxy.cli;

import io.homefleet.service.version.ServiceVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"homefleet-sensor-proxy " + ServiceVersion.of("sensor-proxy")};
    }
}
