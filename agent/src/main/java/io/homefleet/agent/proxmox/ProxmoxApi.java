package io.homefleet.agent.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.HostStorage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the Proxmox VE API the agent uses, by their documented paths. One implementation runs
 * {@code pvesh} on the host; see docs/agent.md for the exact calls.
 */
public interface ProxmoxApi {

    /** {@code GET /storage} (paths, types) joined with {@code GET /nodes/{node}/storage} (capacity). */
    List<HostStorage> storages();

    /** {@code GET /nodes/{node}/disks/list}: device path to Proxmox' own "used" word (LVM, ZFS, mounted, ...). */
    Map<String, String> diskUsage();

    /** {@code GET /nodes/{node}/lxc}: the node's containers. */
    List<ContainerSummary> containers();

    /** {@code GET /nodes/{node}/lxc/{vmid}/config}; empty when the container does not exist. */
    Optional<JsonNode> containerConfig(int vmid);

    /** {@code POST /nodes/{node}/lxc} with {@code restore=1}: restores an archive; returns the task's UPID. */
    String restoreContainer(int vmid, Map<String, String> parameters);

    /** {@code PUT /nodes/{node}/lxc/{vmid}/config}. */
    void updateContainerConfig(int vmid, Map<String, String> parameters);

    /** {@code POST /nodes/{node}/lxc/{vmid}/status/start}; returns the task's UPID. */
    String startContainer(int vmid);

    /** {@code GET /nodes/{node}/lxc/{vmid}/status/current}; empty when the container does not exist. */
    Optional<String> containerStatus(int vmid);

    /** {@code GET /nodes/{node}/tasks/{upid}/status}. */
    TaskStatus taskStatus(String upid);

    record ContainerSummary(int vmid, String name, String status, String tags) {
    }

    /** {@code status} is running or stopped; once stopped, {@code exitStatus} is "OK" or the error. */
    record TaskStatus(String status, String exitStatus) {
        public boolean finished() {
            return "stopped".equals(status);
        }

        public boolean succeeded() {
            return finished() && "OK".equals(exitStatus);
        }
    }

    /** The Proxmox API refused or failed a call; the message is Proxmox' own. */
    class ProxmoxException extends RuntimeException {
        public ProxmoxException(String message) {
            super(message);
        }
    }
}
