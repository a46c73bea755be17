package io.homefleet.controller;

import io.homefleet.controller.cli.ControllerCommand;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point of {@code controller}: with no subcommand it runs the service; {@code config validate} checks
 * controller.yaml without starting anything.
 */
@QuarkusMain
public class ControllerMain {
    ControllerMain() {
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new ControllerCommand()).execute(args));
    }
}
