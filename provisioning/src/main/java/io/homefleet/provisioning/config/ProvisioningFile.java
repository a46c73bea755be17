package io.homefleet.provisioning.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * provisioning.yaml: the LAN, the cluster new hosts join, the hub they are handed to and the answer-file defaults.
 * Keys are the components in snake_case (the seed's keys); unknown keys are errors. Reloaded when the file changes.
 */
public record ProvisioningFile(
        @NotNull @Valid Server server,
        @Valid Pxe pxe,
        @NotNull @Valid Proxmox proxmox,
        @NotNull @Valid Credentials credentials,
        @NotNull @Valid Hub hub,
        @Valid Answer answer,
        @Valid NewHost newHost,
        @Valid Timeouts timeoutsSeconds,
        /* server-types.yaml, relative to this file's directory. */
        Path serverTypesFile) {

    public ProvisioningFile {
        pxe = pxe == null ? new Pxe(null, null, null, null, null) : pxe;
        answer = answer == null ? new Answer(null, null, null, null, null, null) : answer;
        newHost = newHost == null ? new NewHost(null, null, null, null, null, null) : newHost;
        timeoutsSeconds = timeoutsSeconds == null ? new Timeouts(null, null, null, null, null, null) : timeoutsSeconds;
        serverTypesFile = serverTypesFile == null ? Path.of("server-types.yaml") : serverTypesFile;
    }

    public record Server(
            /* What PXE clients and installed hosts reach this service at, e.g. http://192.168.1.100:8090. */
            @NotBlank @Pattern(regexp = "^https?://[^\\s/]+(/[^\\s]*)?$", message = "must be an http(s) URL") String publicUrl,
            /* SHA-256 fingerprint of this service's certificate, sent to the installer with the first-boot URL when
               public_url is https and the certificate is self-signed. */
            String certFingerprint,
            /* A file holding the token given to `prepare-iso --answer-auth-token`; unset: answers need no token. */
            Path answerAuthTokenFile) {
        public Server {
            publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        }
    }

    public record Pxe(
            Boolean enabled,
            @JsonProperty("interface") String networkInterface,
            /* The LAN's CIDR, for proxy-DHCP beside the LAN's own DHCP server. */
            String subnet,
            /* Where vmlinuz, initrd.img and the prepared ISO (prepare-iso --pxe) are. */
            Path installerDir,
            /* The prepared ISO's file name in installer_dir. */
            String isoFile) {
        public Pxe {
            enabled = enabled != null && enabled;
            installerDir = installerDir == null ? Path.of("/var/lib/homefleet-provisioning/installer") : installerDir;
            isoFile = isoFile == null ? "proxmox.iso" : isoFile;
        }
    }

    public record Proxmox(
            /* Address of any current cluster member; `pvecm add` joins through it. */
            @NotBlank String existingNode,
            /* The cluster's API certificate fingerprint (`pvecm status` / `pvenode cert info` on that node). */
            @NotBlank String joinFingerprint,
            /* A 0600 file with the existing node's root password, fed to `pvecm add` on stdin. */
            @NotNull Path rootPasswordFile,
            /* The cluster's name, given to the hub with each host. */
            String clusterName,
            /* SSH port of new hosts. */
            @Min(1) @Max(65535) Integer sshPort) {
        public Proxmox {
            sshPort = sshPort == null ? 22 : sshPort;
        }
    }

    public record Credentials(
            /* The new hosts' root password as a crypt(3) hash (mkpasswd -m sha-512). */
            @NotBlank String rootPasswordHash) {
    }

    public record Hub(
            @NotBlank @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL") String url,
            /* A 0600 file with the hub provisioning key (hfr_...): may only create hosts and issue their keys. */
            @NotNull Path provisioningKeyFile,
            /* Pin the hub's certificate (any common SHA-256 spelling). */
            String pinnedFingerprint,
            Path caFile,
            Boolean allowPlainHttp,
            /* What the agent on a new host calls the hub at; default url. */
            String agentUrl) {
        public Hub {
            url = url == null ? null : url.replaceAll("/+$", "");
            allowPlainHttp = allowPlainHttp != null && allowPlainHttp;
            agentUrl = agentUrl == null || agentUrl.isBlank() ? url : agentUrl.replaceAll("/+$", "");
        }
    }

    public record Answer(
            String keyboard,
            String country,
            String timezone,
            String mailto,
            @Pattern(regexp = "ext4|xfs|zfs|btrfs", message = "must be one of ext4, xfs, zfs, btrfs") String filesystem,
            /* Domain of the new hosts' FQDN (the installer needs a fully-qualified name). */
            @Pattern(regexp = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
                    message = "must be a DNS domain") String domain) {
        public Answer {
            keyboard = keyboard == null ? "en-us" : keyboard;
            country = country == null ? "us" : country;
            timezone = timezone == null ? "America/New_York" : timezone;
            mailto = mailto == null ? "root@localhost" : mailto;
            filesystem = filesystem == null ? "ext4" : filesystem;
            domain = domain == null ? "lan" : domain;
        }
    }

    /** Where things go on a new host during the hand-over. */
    public record NewHost(
            Path authorizedKeysFile,
            Path agentConfigFile,
            Path agentKeyFile,
            Path agentStateDir,
            String agentService,
            String sensorProxyCommand) {
        public NewHost {
            authorizedKeysFile = authorizedKeysFile == null ? Path.of("/root/.ssh/authorized_keys") : authorizedKeysFile;
            agentConfigFile = agentConfigFile == null ? Path.of("/etc/homefleet-agent/agent.yaml") : agentConfigFile;
            agentKeyFile = agentKeyFile == null ? Path.of("/etc/homefleet-agent/host.key") : agentKeyFile;
            agentStateDir = agentStateDir == null ? Path.of("/var/lib/homefleet-agent") : agentStateDir;
            agentService = agentService == null ? "homefleet-agent" : agentService;
            sensorProxyCommand = sensorProxyCommand == null ? "sensor-proxy" : sensorProxyCommand;
        }
    }

    /** How long a host may stay in each state before it is marked failed (seconds). */
    public record Timeouts(
            @Min(1) Integer pxeReady,
            @Min(1) Integer pxeBooted,
            @Min(1) Integer installing,
            @Min(1) Integer installed,
            @Min(1) Integer firstBoot,
            @Min(1) Integer joining) {
        public Timeouts {
            pxeReady = pxeReady == null ? 24 * 3600 : pxeReady;
            pxeBooted = pxeBooted == null ? 1800 : pxeBooted;
            installing = installing == null ? 3600 : installing;
            installed = installed == null ? 1800 : installed;
            firstBoot = firstBoot == null ? 600 : firstBoot;
            joining = joining == null ? 900 : joining;
        }
    }

    /** Problems Bean Validation cannot express. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (hub.pinnedFingerprint() != null && hub.caFile() != null) {
            problems.add("hub: set at most one of pinned_fingerprint and ca_file");
        }
        if (hub.url() != null && hub.url().startsWith("http://") && !hub.allowPlainHttp()) {
            problems.add("hub.url: an http:// hub sends the provisioning key readable; set hub.allow_plain_http: true "
                    + "to accept that");
        }
        if (pxe.enabled() && (pxe.networkInterface() == null || pxe.subnet() == null)) {
            problems.add("pxe: interface and subnet are required when pxe.enabled is true");
        }
        return problems;
    }
}
