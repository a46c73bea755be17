package io.homefleet.agent.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where each guest's provisioning stands, one file per guest, rewritten atomically after every step change, so a
 * crash leaves the last finished step on record and provisioning resumes from the next one.
 */
public class ProvisioningJournal {
    public static final List<String> STEPS = List.of("customer_key", "restore", "bootstrap", "mount", "start");
    private static final ObjectMapper JSON = Json.mapper();
    private final Path guestsDir;

    public ProvisioningJournal(Path guestsDir) {
        this.guestsDir = guestsDir;
    }

    /** The request and the step states of one guest, as kept on disk. */
    public record Entry(GuestProvisionRequest request, GuestProvisioningStatus status) {
    }

    public Path guestDir(int vmid) {
        return guestsDir.resolve(Integer.toString(vmid));
    }

    public synchronized Optional<Entry> find(int vmid) {
        Path file = guestDir(vmid).resolve("provisioning.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Entry.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized List<Entry> all() {
        if (!Files.isDirectory(guestsDir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(guestsDir)) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d+")).sorted()
                    .forEach(n -> find(Integer.parseInt(n)).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + guestsDir, e);
        }
        return out;
    }

    public synchronized Entry start(GuestProvisionRequest request, String storage) {
        Instant now = Instant.now();
        List<GuestProvisioningStatus.Step> steps = STEPS.stream()
                .map(s -> new GuestProvisioningStatus.Step(s, "pending", null, now)).toList();
        Entry entry = new Entry(request, new GuestProvisioningStatus(request.vmid(), request.customer().id(),
                request.hostname(), request.archive(), storage, "pending", now, steps));
        save(entry);
        return entry;
    }

    /** Sets one step's state and detail, derives the overall state, and saves. */
    public synchronized Entry mark(int vmid, String step, String state, String detail) {
        Entry entry = find(vmid).orElseThrow();
        Instant now = Instant.now();
        List<GuestProvisioningStatus.Step> steps = entry.status().steps().stream()
                .map(s -> s.name().equals(step) ? new GuestProvisioningStatus.Step(step, state, detail, now) : s)
                .toList();
        String overall = steps.stream().anyMatch(s -> s.state().equals("failed")) ? "failed"
                : steps.stream().allMatch(s -> s.state().equals("done")) ? "done"
                : steps.stream().anyMatch(s -> !s.state().equals("pending")) ? "running" : "pending";
        GuestProvisioningStatus old = entry.status();
        Entry updated = new Entry(entry.request(), new GuestProvisioningStatus(old.vmid(), old.customerId(),
                old.hostname(), old.archive(), old.storage(), overall, now, steps));
        save(updated);
        return updated;
    }

    private void save(Entry entry) {
        try {
            AtomicFiles.writeSecret(guestDir(entry.status().vmid()).resolve("provisioning.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save provisioning state of guest " + entry.status().vmid(), e);
        }
    }
}
