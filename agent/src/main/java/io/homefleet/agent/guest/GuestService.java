package io.homefleet.agent.guest;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.localapi.auth.LocalApiCredentials;
import io.homefleet.agent.proxmox.ProxmoxApi;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
import io.homefleet.service.hubclient.HubApi;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Accepts provisioning requests and runs them in the background, one run per guest at a time. */
@Singleton
public class GuestService {
    private final GuestProvisioner provisioner;
    private final ProvisioningJournal journal;
    private final String defaultStorage;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guest-provisioning");
        t.setDaemon(true);
        return t;
    });
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();

    @Inject
    public GuestService(AgentConfig config, HubApi hub, ProxmoxApi proxmox, LocalApiCredentials credentials) {
        this.journal = new ProvisioningJournal(config.stateDir().resolve("guests"));
        this.defaultStorage = config.backup().restoreStorage();
        this.provisioner = new GuestProvisioner(proxmox, hub, credentials.guests(), journal,
                new BootstrapWriter(config.proxmox().guestRootUid()),
                new GuestProvisioner.Settings(config.hub().url(), config.hub().hostId(), config.hub().hostKeyFile(),
                        config.localApi().advertiseAddr(), defaultStorage, config.proxmox().bootstrapMountSlot(),
                        Duration.ofSeconds(config.proxmox().taskTimeoutSeconds())),
                () -> {
                    try {
                        return config.localApiCertificate().fingerprint().toString();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** What became of a request: started (or resumed), already done, or in conflict with an earlier one. */
    public record Submission(Kind kind, GuestProvisioningStatus status, String conflict) {
        public enum Kind { STARTED, ALREADY_DONE, RUNNING, CONFLICT, NO_STORAGE }
    }

    public synchronized Submission submit(GuestProvisionRequest request) {
        String storage = request.storage() != null ? request.storage() : defaultStorage;
        if (storage == null) {
            return new Submission(Submission.Kind.NO_STORAGE, null,
                    "no storage given and backup.restore_storage is not configured");
        }
        Optional<ProvisioningJournal.Entry> existing = journal.find(request.vmid());
        if (existing.isPresent()) {
            GuestProvisionRequest earlier = existing.get().request();
            if (!sameGuest(earlier, request, storage, existing.get().status().storage())) {
                return new Submission(Submission.Kind.CONFLICT, existing.get().status(),
                        "guest " + request.vmid() + " was already requested for customer " + earlier.customer().id()
                                + " from " + earlier.archive() + " as " + earlier.hostname());
            }
            if (existing.get().status().state().equals("done")) {
                return new Submission(Submission.Kind.ALREADY_DONE, existing.get().status(), null);
            }
            if (running.contains(request.vmid())) {
                return new Submission(Submission.Kind.RUNNING, existing.get().status(), null);
            }
            ProvisioningJournal.Entry retried = existing.get();
            for (var step : retried.status().steps()) {
                if (step.state().equals("failed") || step.state().equals("running")) {
                    retried = journal.mark(request.vmid(), step.name(), "pending", "retrying: " + step.detail());
                }
            }
            launch(request.vmid());
            return new Submission(Submission.Kind.STARTED, retried.status(), null);
        }
        ProvisioningJournal.Entry entry = journal.start(request, storage);
        launch(request.vmid());
        return new Submission(Submission.Kind.STARTED, entry.status(), null);
    }

    public Optional<GuestProvisioningStatus> status(int vmid) {
        return journal.find(vmid).map(ProvisioningJournal.Entry::status);
    }

    /** Picks up guests whose provisioning was under way when the agent stopped. */
    public void resumeInterrupted() {
        for (ProvisioningJournal.Entry entry : journal.all()) {
            boolean interrupted = entry.status().steps().stream().anyMatch(s -> s.state().equals("running"));
            if (interrupted && !running.contains(entry.status().vmid())) {
                submit(entry.request());
            }
        }
    }

    public ProvisioningJournal journal() {
        return journal;
    }

    private void launch(int vmid) {
        running.add(vmid);
        workers.submit(() -> {
            try {
                provisioner.run(vmid);
            } finally {
                running.remove(vmid);
            }
        });
    }

    private static boolean sameGuest(GuestProvisionRequest a, GuestProvisionRequest b, String storageB, String storageA) {
        return a.archive().equals(b.archive()) && a.hostname().equals(b.hostname())
                && a.customer().id().equals(b.customer().id()) && storageA.equals(storageB);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
