package io.homefleet.agent;

import io.homefleet.agent.cli.AgentCommand;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point of {@code agent}: with no subcommand it runs the daemon; subcommands (config validate, tokens, ...)
 * run without starting the daemon's HTTP server, so they work beside a running daemon.
 */
@QuarkusMain
public class AgentMain {
    AgentMain() {
    }

    public static void main(String... args) {
        int code = new CommandLine(new AgentCommand()).execute(args);
        System.exit(code);
    }
}
