package io.homefleet.sensorproxy.sensors;

import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.sensorproxy.config.NodeNames;
import io.homefleet.sensorproxy.socket.RpcException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which nodes a caller may ask for: a valid name, and on the allow-list. With an empty list, strict mode
 * refuses every remote node and non-strict mode accepts any valid name (the seed's behaviour).
 */
public final class NodeAccess {
    private final String localNode;
    private final Supplier<AllowedNodes> allowed;
    private final boolean strict;

    public NodeAccess(String localNode, Supplier<AllowedNodes> allowed, boolean strict) {
        this.localNode = localNode;
        this.allowed = allowed;
        this.strict = strict;
    }

    public String localNode() {
        return localNode;
    }

    public boolean isLocal(String node) {
        return node.equalsIgnoreCase(localNode) || node.equals("localhost");
    }

    public AllowedNodes allowed() {
        return allowed.get();
    }

    public void check(String node) throws RpcException {
        Optional<String> problem = NodeNames.problem(node);
        if (problem.isPresent()) {
            throw new RpcException("bad_request", problem.get());
        }
        if (isLocal(node)) {
            return;
        }
        AllowedNodes list = allowed.get();
        if (list.isEmpty() ? strict : !list.permits(node)) {
            throw new RpcException("node_not_allowed", "node '" + node + "' is not in allowed_nodes"
                    + (list.isEmpty() ? " (the list is empty and strict_node_validation is on)" : ""));
        }
    }
}
