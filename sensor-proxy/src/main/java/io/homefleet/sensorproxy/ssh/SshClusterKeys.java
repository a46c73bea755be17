package io.homefleet.sensorproxy.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.sensorproxy.rpc.ProxyRpcMethods;
import io.homefleet.sensorproxy.sensors.NodeReader;
import java.security.KeyPair;
import java.util.List;

/**
 * {@code ensure_cluster_keys}: tries the proxy's key on every node and reports, per node, whether it works
 * and, where it does not, the authorized_keys line to install there.
 */
public final class SshClusterKeys implements ProxyRpcMethods.ClusterKeys {
    private final SshNodeReader reader;
    private final KeyPair identity;
    private final String command;

    public SshClusterKeys(SshNodeReader reader, KeyPair identity, String command) {
        this.reader = reader;
        this.identity = identity;
        this.command = command;
    }

    @Override
    public JsonNode ensure(List<String> nodes) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("public_key", SshKeyStore.publicLine(identity));
        out.put("fingerprint", SshKeyStore.fingerprint(identity));
        out.put("authorized_line", AuthorizedKeyLine.of(SshKeyStore.publicLine(identity), List.of(), command));
        ArrayNode results = out.putArray("nodes");
        for (String node : nodes) {
            ObjectNode r = results.addObject().put("node", node);
            try {
                reader.fetch(node);
                r.put("status", "ok");
            } catch (NodeReader.ReadFailure e) {
                r.put("status", "failed").put("detail", e.getMessage());
            }
        }
        return out;
    }
}
