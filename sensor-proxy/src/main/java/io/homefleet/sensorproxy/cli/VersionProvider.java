package io.homefleet.sensorproxy.cli;

import io.homefleet.sensorproxy.Version;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"homefleet-sensor-proxy " + Version.current()};
    }
}
