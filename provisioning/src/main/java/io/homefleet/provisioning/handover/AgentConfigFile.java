package io.homefleet.provisioning.handover;

import io.homefleet.provisioning.config.ProvisioningFile;

/**
 * The agent's {@code agent.yaml} for a new host (docs/agent.md, "Configuration"): the hub it reports to, its host id
 * and key file, the hub trust provisioning itself uses, and the Proxmox node name.
 */
public final class AgentConfigFile {
    private AgentConfigFile() {
    }

    public static String render(ProvisioningFile config, String hostId, String nodeName) {
        ProvisioningFile.Hub hub = config.hub();
        ProvisioningFile.NewHost host = config.newHost();
        StringBuilder yaml = new StringBuilder(512);
        yaml.append("# Written by Homefleet provisioning at the hand-over of ").append(hostId).append('\n');
        yaml.append("hub:\n");
        yaml.append("  url: ").append(quote(hub.agentUrl())).append('\n');
        yaml.append("  host_id: ").append(quote(hostId)).append('\n');
        yaml.append("  host_key_file: ").append(quote(host.agentKeyFile().toString())).append('\n');
        if (hub.pinnedFingerprint() != null) {
            yaml.append("  pinned_fingerprint: ").append(quote(hub.pinnedFingerprint())).append('\n');
        }
        if (hub.agentUrl().startsWith("http://")) {
            yaml.append("  allow_plain_http: ").append(hub.allowPlainHttp()).append('\n');
        }
        yaml.append("local_api:\n");
        yaml.append("  enable: true\n");
        yaml.append("  listen_addr: \"0.0.0.0:8443\"\n");
        yaml.append("state_dir: ").append(quote(host.agentStateDir().toString())).append('\n');
        yaml.append("proxmox:\n");
        yaml.append("  node: ").append(quote(nodeName)).append('\n');
        return yaml.toString();
    }

    /** A YAML double-quoted scalar. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
