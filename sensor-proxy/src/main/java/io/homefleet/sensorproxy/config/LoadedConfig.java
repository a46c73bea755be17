package io.homefleet.sensorproxy.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** A validated configuration, where it came from, and the allow-list as read at load time. */
public record LoadedConfig(ProxyConfig config, Path configFile, AllowedNodesFile allowedNodesFile, List<String> fileNodes) {

    /** File entries plus {@code allowed_nodes} from config/environment, normalized and deduplicated. */
    public AllowedNodes allowedNodes(List<String> fromFile) {
        LinkedHashSet<String> all = new LinkedHashSet<>(fromFile);
        for (String extra : config.allowedNodes()) {
            all.add(NodeNames.normalizeEntry(extra));
        }
        return new AllowedNodes(List.copyOf(all));
    }
}
