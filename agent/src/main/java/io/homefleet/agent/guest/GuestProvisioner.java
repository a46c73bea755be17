package io.homefleet.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.agent.localapi.auth.GuestTokenStore;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.GuestBootstrap;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubApi;
import io.homefleet.service.hubclient.HubException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Provisions one customer guest in five steps, each idempotent (it first looks whether its work is already done),
 * so a failed or interrupted run resumes where it stopped:
 * customer_key (ask the hub, with the host key, for the key of the customer the operator placed on this guest), restore (unprivileged LXC from the golden archive),
 * bootstrap (bootstrap.json with the customer key and a fresh guest token), mount (read-only, before first boot),
 * start.
 */
public class GuestProvisioner {
    private static final Logger LOG = Logger.getLogger(GuestProvisioner.class);
    public static final String BOOTSTRAP_MOUNT_POINT = "/etc/homefleet-bootstrap";
    public static final String TAG = "homefleet";
    static final String FEATURES = "keyctl=1,nesting=1";
    private final ProxmoxApi proxmox;
    private final HubApi hub;
    private final GuestTokenStore tokens;
    private final ProvisioningJournal journal;
    private final BootstrapWriter bootstrapWriter;
    private final Settings settings;
    private final Supplier<String> fingerprint;

    /** What provisioning needs from agent.yaml. */
    public record Settings(String hubUrl, String hostId, Path hostKeyFile, String localApiEndpoint, String defaultStorage,
                           int mountSlot, Duration taskTimeout) {
    }

    public GuestProvisioner(ProxmoxApi proxmox, HubApi hub, GuestTokenStore tokens, ProvisioningJournal journal,
                            BootstrapWriter bootstrapWriter, Settings settings, Supplier<String> fingerprint) {
        this.proxmox = proxmox;
        this.hub = hub;
        this.tokens = tokens;
        this.journal = journal;
        this.bootstrapWriter = bootstrapWriter;
        this.settings = settings;
        this.fingerprint = fingerprint;
    }

    public ProvisioningJournal journal() {
        return journal;
    }

    /** Runs every step not yet done, in order; stops at the first failure and records why. */
    public void run(int vmid) {
        ProvisioningJournal.Entry entry = journal.find(vmid).orElseThrow();
        GuestProvisionRequest request = entry.request();
        String storage = entry.status().storage();
        for (String step : ProvisioningJournal.STEPS) {
            boolean done = journal.find(vmid).orElseThrow().status().steps().stream()
                    .anyMatch(s -> s.name().equals(step) && s.state().equals("done"));
            if (done) {
                continue;
            }
            journal.mark(vmid, step, "running", null);
            try {
                String detail = switch (step) {
                    case "customer_key" -> customerKey(request);
                    case "restore" -> restore(request, storage);
                    case "bootstrap" -> bootstrap(request);
                    case "mount" -> mount(vmid);
                    case "start" -> start(vmid);
                    default -> throw new IllegalStateException(step);
                };
                journal.mark(vmid, step, "done", detail);
            } catch (Exception e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.warnf("guest %d: step %s failed: %s", vmid, step, why);
                journal.mark(vmid, step, "failed", why);
                return;
            }
        }
        // The customer key now lives only in the guest's bootstrap.json.
        deleteQuietly(customerKeyFile(vmid));
        LOG.infof("guest %d provisioned for customer %s", vmid, request.customer().id());
    }

    private String customerKey(GuestProvisionRequest request) throws IOException {
        Path keyFile = customerKeyFile(request.vmid());
        if (Files.exists(keyFile) && Files.readString(keyFile).strip().startsWith("hfc_")) {
            return "customer key already issued";
        }
        IssuedKey key;
        try {
            key = hub.issueGuestCustomerKey(Credential.bearerFromFile(settings.hostKeyFile(), TokenKind.HOST),
                    settings.hostId(), request.vmid(), request.customer().id());
        } catch (HubException e) {
            throw new IOException("hub refused to issue the customer key for guest " + request.vmid() + ": "
                    + e.getMessage(), e);
        }
        if (key.key() == null || !key.key().startsWith("hfc_")) {
            throw new IOException("hub answered with something that is not a customer key (hfc_)");
        }
        AtomicFiles.writeSecret(keyFile, key.key().getBytes(StandardCharsets.UTF_8));
        return "customer key " + key.keyId() + " issued by the hub";
    }

    private String restore(GuestProvisionRequest request, String storage) {
        int vmid = request.vmid();
        var existing = proxmox.containerConfig(vmid);
        if (existing.isPresent()) {
            JsonNode config = existing.get();
            if (!tags(config).contains(TAG) || !request.hostname().equals(config.path("hostname").asText())) {
                throw new IllegalStateException("vmid " + vmid + " already exists and is not this guest (hostname '"
                        + config.path("hostname").asText() + "', tags '" + config.path("tags").asText("") + "')");
            }
            return harden(vmid, config, "container already restored");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ostemplate", request.archive());
        params.put("storage", storage);
        params.put("hostname", request.hostname());
        params.put("unprivileged", "1");
        params.put("features", FEATURES);
        params.put("tags", TAG);
        params.put("description", "Homefleet customer " + request.customer().id());
        String upid = proxmox.restoreContainer(vmid, params);
        awaitTask(upid, "restore of " + request.archive());
        JsonNode config = proxmox.containerConfig(vmid)
                .orElseThrow(() -> new IllegalStateException("restore finished but container " + vmid + " does not exist"));
        return harden(vmid, config, "restored " + request.archive() + " to " + storage);
    }

    /** An archive may carry what a de-privileged guest must not have: device passthrough, a hookscript. */
    private String harden(int vmid, JsonNode config, String detail) {
        if (config.path("unprivileged").asInt(0) != 1) {
            throw new IllegalStateException("container " + vmid + " is privileged; remove it and provision again");
        }
        List<String> remove = new ArrayList<>();
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("hookscript") || name.matches("^dev\\d+$")) {
                remove.add(name);
            }
        }
        Map<String, String> update = new LinkedHashMap<>();
        if (!remove.isEmpty()) {
            update.put("delete", String.join(",", remove));
        }
        if (!FEATURES.equals(normalizeFeatures(config.path("features").asText("")))) {
            update.put("features", FEATURES);
        }
        if (!update.isEmpty()) {
            proxmox.updateContainerConfig(vmid, update);
            return detail + "; removed " + (remove.isEmpty() ? "nothing" : String.join(",", remove))
                    + ", features " + FEATURES;
        }
        return detail;
    }

    private String bootstrap(GuestProvisionRequest request) throws IOException {
        int vmid = request.vmid();
        Path dir = bootstrapDir(vmid);
        String currentFingerprint = fingerprint.get();
        var existing = bootstrapWriter.read(dir);
        if (existing.isPresent() && existing.get().localApi().fingerprint().equals(currentFingerprint)
                && tokens.vmidOf(existing.get().localApi().token()).filter(v -> v == vmid).isPresent()) {
            return "bootstrap already written";
        }
        Path keyFile = customerKeyFile(vmid);
        if (!Files.exists(keyFile)) {
            throw new IOException("the customer key is missing; provisioning restarts at customer_key");
        }
        String customerKey = Files.readString(keyFile).strip();
        tokens.revoke(vmid, "provisioning");
        String token = tokens.mint(vmid, "provisioning");
        GuestBootstrap bootstrap = new GuestBootstrap(1, vmid, settings.hostId(), Instant.now(),
                new GuestBootstrap.Customer(request.customer().id(), request.customer().domain(), request.customer().name()),
                new GuestBootstrap.Hub(settings.hubUrl(), customerKey),
                new GuestBootstrap.LocalApi(settings.localApiEndpoint(), currentFingerprint, token));
        bootstrapWriter.write(dir, bootstrap);
        return "bootstrap.json written with the customer key and a new guest token";
    }

    private String mount(int vmid) {
        String slot = "mp" + settings.mountSlot();
        String wanted = bootstrapDir(vmid).toAbsolutePath() + ",mp=" + BOOTSTRAP_MOUNT_POINT + ",ro=1";
        JsonNode config = proxmox.containerConfig(vmid)
                .orElseThrow(() -> new IllegalStateException("container " + vmid + " does not exist"));
        String current = config.path(slot).asText(null);
        if (wanted.equals(current)) {
            return slot + " already attached";
        }
        if (current != null) {
            throw new IllegalStateException(slot + " of container " + vmid + " is already used: " + current);
        }
        proxmox.updateContainerConfig(vmid, Map.of(slot, wanted));
        return slot + " = " + wanted;
    }

    private String start(int vmid) {
        String status = proxmox.containerStatus(vmid)
                .orElseThrow(() -> new IllegalStateException("container " + vmid + " does not exist"));
        if (status.equals("running")) {
            return "already running";
        }
        awaitTask(proxmox.startContainer(vmid), "start of " + vmid);
        String after = proxmox.containerStatus(vmid).orElse("missing");
        if (!after.equals("running")) {
            throw new IllegalStateException("container " + vmid + " is " + after + " after start");
        }
        return "running";
    }

    private void awaitTask(String upid, String what) {
        long deadline = System.nanoTime() + settings.taskTimeout().toNanos();
        long pause = 100;
        while (true) {
            ProxmoxApi.TaskStatus status = proxmox.taskStatus(upid);
            if (status.finished()) {
                if (!status.succeeded()) {
                    throw new IllegalStateException(what + " failed: " + status.exitStatus());
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish within " + settings.taskTimeout());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            pause = Math.min(2000, pause * 2);
        }
    }

    public Path bootstrapDir(int vmid) {
        return journal.guestDir(vmid).resolve("bootstrap");
    }

    private Path customerKeyFile(int vmid) {
        return journal.guestDir(vmid).resolve("customer.key");
    }

    private static List<String> tags(JsonNode config) {
        return List.of(config.path("tags").asText("").split("[;,\\s]+"));
    }

    private static String normalizeFeatures(String features) {
        return String.join(",", java.util.Arrays.stream(features.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).sorted().toList());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
