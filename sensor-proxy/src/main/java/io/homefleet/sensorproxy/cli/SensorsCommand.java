package io.homefleet.sensorproxy.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.homefleet.common.json.Json;
import io.homefleet.common.sensors.LocalSensorsReader;
import io.homefleet.common.sensors.NoTemperatureSourceException;
import io.homefleet.common.sensors.SensorsFormatException;
import io.homefleet.common.sensors.SensorsJsonParser;
import io.homefleet.common.sensors.SensorsReading;
import io.homefleet.sensorproxy.HostName;
import io.homefleet.sensorproxy.SensorProxySettings;
import io.homefleet.sensorproxy.config.LoadedConfig;
import io.homefleet.sensorproxy.config.ProxyConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sensors parse FILE|-} and {@code sensors read}: what a user runs first when a reading looks wrong. */
@Dependent
@Command(name = "sensors", description = "Parse or read temperatures.", mixinStandardHelpOptions = true,
        subcommands = {SensorsCommand.Parse.class, SensorsCommand.Read.class})
public class SensorsCommand {
    static final int FAILED = 1;

    static ObjectWriter writer() {
        return Json.mapper().writerWithDefaultPrettyPrinter();
    }

    static void printReading(SensorsReading reading) throws IOException {
        System.out.println(writer().writeValueAsString(reading.snapshot()));
        reading.warnings().forEach(w -> System.err.println("warning: " + w));
    }

    @Dependent
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Normalize `sensors -j` output (a file, or - for stdin) and print the snapshot as JSON.")
    public static class Parse implements Callable<Integer> {
        @Parameters(paramLabel = "FILE|-", description = "sensors -j output; - reads stdin")
        String input;

        @Option(names = "--node", description = "node name to put in the snapshot (default: this host)")
        String node;

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = input.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(input), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("error: cannot read " + input + ": " + e.getMessage());
                return FAILED;
            }
            try {
                SensorsReading reading = new SensorsJsonParser().parse(text, node != null ? node : HostName.local(),
                        Instant.now(), SensorsJsonParser.SOURCE_SENSORS);
                printReading(reading);
                return 0;
            } catch (SensorsFormatException e) {
                System.err.println("error: " + input + ": " + e.getMessage());
                return FAILED;
            }
        }
    }

    @Dependent
    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read this host now (sensors -j, then hwmon, then thermal zones) and print the snapshot.")
    public static class Read implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Inject
        SensorProxySettings settings;

        @Override
        public Integer call() throws IOException {
            java.util.Optional<LoadedConfig> loaded = config.loadOrReport(settings);
            if (loaded.isEmpty()) {
                return 2;
            }
            ProxyConfig c = loaded.get().config();
            LocalSensorsReader reader = new LocalSensorsReader(c.sensorsCommand(), Path.of(c.hwmonDir()), Path.of(c.thermalDir()),
                    c.ssh().commandTimeout(), Clock.systemUTC());
            try {
                printReading(reader.read(c.nodeName().isBlank() ? HostName.local() : c.nodeName()));
                return 0;
            } catch (NoTemperatureSourceException e) {
                System.err.println("error: " + e.getMessage());
                return FAILED;
            }
        }
    }
}
