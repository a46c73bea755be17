package io.homefleet.provisioning.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.host.HostEntity;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.lifecycle.Lifecycle;
import io.homefleet.provisioning.lifecycle.Trigger;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.jboss.logging.Logger;

/**
 * What an installing host reports: the post-installation webhook (pins its SSH host keys), the first-boot script it
 * downloads, and the phone-home that script makes. Each checks this install's token and is safe to repeat.
 */
@ApplicationScoped
public class InstallReports {
    private static final Logger LOG = Logger.getLogger(InstallReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<HostState> AFTER_INSTALL = EnumSet.of(HostState.INSTALLED, HostState.FIRST_BOOT,
            HostState.JOINING, HostState.READY);

    @Inject
    Lifecycle lifecycle;

    @Inject
    ProvisioningConfig config;

    /** {@code POST /api/hosts/{id}/installed}. */
    public void installed(String hostId, PostInstallation body, String bearerToken) {
        String version = body.schemaVersion();
        if (version == null || !version.startsWith("1.")) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "$schema.version: expected 1.x (the installer's "
                    + "post-installation webhook format), got " + version).with("schema_version", version);
        }
        HostEntity host = host(hostId);
        BootTokens.check(host.bootTokenHash, body.token() != null ? body.token() : bearerToken,
                "the post-installation webhook");
        Map<String, String> keys = new TreeMap<>();
        body.sshPublicHostKeys().forEach((type, line) -> {
            try {
                AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, null);
            } catch (Exception e) {
                throw ProblemException.of(ProblemType.INVALID_FIELDS, "ssh-public-host-keys." + type
                        + ": not an OpenSSH public key line");
            }
            keys.put(type, line.trim());
        });
        if (keys.isEmpty()) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "ssh-public-host-keys: at least one host key is needed "
                    + "to trust the host over SSH");
        }
        String pinned = json(keys);
        if (AFTER_INSTALL.contains(host.state)) {
            if (!pinned.equals(host.sshHostKeys)) {
                throw ProblemException.conflict("host '" + hostId + "' already reported its installation with other SSH "
                        + "host keys; a new installation needs a rebuild");
            }
            return; // the installer retried a webhook we already stored
        }
        String address = managementAddress(body);
        lifecycle.fire(hostId, Trigger.INSTALLED, "post-installation webhook (" + body.fqdn() + ")", "installer", h -> {
            h.sshHostKeys = pinned;
            h.machineId = body.machineId();
            if (address != null) {
                h.ip = address;
            }
        });
        LOG.infof("host %s installed; SSH host keys pinned (%s)", hostId, String.join(", ", keys.keySet()));
    }

    /** {@code GET /api/hosts/{id}/first-boot-script?token=...}: the script with this install's token. */
    public String firstBootScript(String hostId, String token) {
        HostEntity host = host(hostId);
        BootTokens.check(host.bootTokenHash, token, "the first-boot script");
        String url = config.current().file().server().publicUrl() + "/api/hosts/" + hostId + "/phone-home";
        return FirstBootScript.render(hostId, url, token);
    }

    /** {@code POST /api/hosts/{id}/phone-home}. */
    public void phoneHome(String hostId, PhoneHome body, String bearerToken) {
        HostEntity host = host(hostId);
        BootTokens.check(host.bootTokenHash, bearerToken, "the phone-home");
        if (host.machineId != null && !host.machineId.equals(body.machineId())) {
            throw ProblemException.conflict("host '" + hostId + "' was installed with machine id " + host.machineId
                    + ", this call comes from " + body.machineId());
        }
        if (host.state == HostState.FIRST_BOOT || host.state == HostState.JOINING || host.state == HostState.READY) {
            return; // the script retried after we stored it
        }
        lifecycle.fire(hostId, Trigger.PHONE_HOME, "first boot phoned home from " + body.ip(), "host:" + hostId, h -> {
            h.ip = body.ip();
            h.machineId = body.machineId();
        });
    }

    private static HostEntity host(String hostId) {
        HostEntity host = HostEntity.findById(hostId);
        if (host == null) {
            throw ProblemException.notFound("no host '" + hostId + "'");
        }
        return host;
    }

    private static String managementAddress(PostInstallation body) {
        if (body.networkInterfaces() == null) {
            return null;
        }
        return body.networkInterfaces().stream()
                .filter(n -> Boolean.TRUE.equals(n.isManagement()) && n.address() != null)
                .map(n -> n.address().replaceAll("/\\d+$", ""))
                .findFirst().orElse(null);
    }

    private static String json(Map<String, String> keys) {
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
