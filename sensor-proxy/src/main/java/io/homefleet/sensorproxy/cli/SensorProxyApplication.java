package io.homefleet.sensorproxy.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the picocli command tree inside the started Quarkus application. */
public class SensorProxyApplication implements QuarkusApplication {
    @Inject
    CommandLine.IFactory factory;

    @Inject
    RootCommand root;

    @Override
    public int run(String... args) {
        return new CommandLine(root, factory).execute(args);
    }
}
