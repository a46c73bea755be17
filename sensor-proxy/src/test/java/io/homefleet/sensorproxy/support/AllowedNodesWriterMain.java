package io.homefleet.sensorproxy.support;

import io.homefleet.sensorproxy.config.AllowedNodesFile;
import java.nio.file.Path;
import java.util.List;

/** One writer process for the concurrency test: adds one node to the file, as `config set-allowed-nodes` does. */
public final class AllowedNodesWriterMain {
    private AllowedNodesWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        new AllowedNodesFile(Path.of(args[0])).update(List.of(args[1]), false);
    }
}
