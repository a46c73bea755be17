package io.homefleet.sensorproxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * The few settings Quarkus itself provides. Everything an operator tunes lives in {@code config.yaml}
 * (the seed's format); this only says where that file is.
 */
@ConfigMapping(prefix = "homefleet.sensor-proxy")
public interface SensorProxySettings {
    @WithDefault("/etc/homefleet-sensor-proxy/config.yaml")
    Path configFile();
}
