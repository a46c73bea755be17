package io.homefleet.controller.hub;

import io.homefleet.common.file.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The on-disk queue of what the hub has not accepted yet: one file per report or event, named by a sequence number
 * that only grows (so the directory listing is the sending order, across restarts), each written atomically (0600,
 * fsync, rename) before anything is sent. An entry is deleted only after the hub answered 2xx (durably stored).
 *
 * <p>Bounded: above {@code maxItems} the oldest <em>report</em> goes first (a newer one says more), and events only when
 * no report is left to drop; every drop is logged and counted, and {@link #dropSummary()} says what went. A new
 * preferences item replaces an unsent older one: each carries the customer's whole set, so nothing is lost.
 */
public final class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class);
    private static final Pattern NAME = Pattern.compile("^(\\d{19})-(report|event|preferences)\\.json$");

    /** A spooled item: its sequence number, kind and file. */
    public record Entry(long sequence, Kind kind, Path file) {
        public byte[] read() throws IOException {
            return Files.readAllBytes(file);
        }
    }

    public enum Kind {
        /** The customer's preferences: only the newest unsent one is kept (it is the whole set). */
        REPORT, EVENT, PREFERENCES;

        String fileWord() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path dir;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    /** entries.size(), readable without the lock: a page asks for it while an append may be syncing a file. */
    private volatile int depth;
    private int maxItems;
    private long nextSequence;
    private long droppedReports;
    private long droppedEvents;
    private String lastDrop;

    public Spool(Path dir, int maxItems) {
        this.dir = dir;
        this.maxItems = maxItems;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(this::recover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool " + dir, e);
        }
        nextSequence = entries.isEmpty() ? 1 : entries.lastKey() + 1;
        depth = entries.size();
        if (!entries.isEmpty()) {
            LOG.infof("spool: %d item(s) from before the restart are sent first (%s)", entries.size(), dir);
        }
    }

    private void recover(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
            long sequence = Long.parseLong(m.group(1));
            entries.put(sequence, new Entry(sequence, Kind.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)), file));
        } else if (file.getFileName().toString().endsWith(".tmp")) {
            // A write interrupted by a crash: it was never acknowledged to anyone, so it is not an item.
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // harmless: it does not match the item pattern
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code json} durably as the newest item, then enforces the bound. */
    public synchronized Entry append(Kind kind, byte[] json) throws IOException {
        long sequence = nextSequence++;
        Path file = dir.resolve(String.format("%019d-%s.json", sequence, kind.fileWord()));
        AtomicFiles.writeSecret(file, json);
        if (kind == Kind.PREFERENCES) {
            for (Entry older : List.copyOf(entries.values())) {
                if (older.kind() == Kind.PREFERENCES) {
                    entries.remove(older.sequence());
                    Files.deleteIfExists(older.file());
                    LOG.debugf("spool: preferences #%d superseded by #%d", older.sequence(), sequence);
                }
            }
        }
        Entry entry = new Entry(sequence, kind, file);
        entries.put(sequence, entry);
        enforceBound();
        depth = entries.size();
        return entry;
    }

    /** The oldest item, the next to send. */
    public synchronized Optional<Entry> oldest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.firstEntry().getValue());
    }

    /** After the hub stored it (or refused it for good). */
    public synchronized void remove(Entry entry) throws IOException {
        entries.remove(entry.sequence());
        depth = entries.size();
        try {
            Files.delete(entry.file());
        } catch (NoSuchFileException ignored) {
            // dropped by the bound meanwhile
        }
    }

    public int depth() {
        return depth;
    }

    public synchronized List<Entry> snapshot() {
        return new ArrayList<>(entries.values());
    }

    public synchronized void maxItems(int maxItems) {
        this.maxItems = maxItems;
        enforceBound();
        depth = entries.size();
    }

    /** What the bound dropped so far, in words; null when nothing. */
    public synchronized String dropSummary() {
        if (droppedReports == 0 && droppedEvents == 0) {
            return null;
        }
        return "spool full (" + maxItems + " items): dropped " + droppedReports + " oldest report(s) and "
                + droppedEvents + " oldest event(s) not yet accepted by the hub; last: " + lastDrop;
    }

    public synchronized long droppedReports() {
        return droppedReports;
    }

    public synchronized long droppedEvents() {
        return droppedEvents;
    }

    private void enforceBound() {
        while (entries.size() > maxItems) {
            Entry victim = entries.values().stream().filter(e -> e.kind() == Kind.REPORT).findFirst()
                    .orElse(entries.firstEntry().getValue());
            entries.remove(victim.sequence());
            try {
                Files.deleteIfExists(victim.file());
            } catch (IOException e) {
                LOG.warnf("spool: cannot delete %s: %s", victim.file(), e.getMessage());
            }
            if (victim.kind() == Kind.REPORT) {
                droppedReports++;
            } else {
                droppedEvents++;
            }
            lastDrop = victim.kind().fileWord() + " #" + victim.sequence();
            LOG.warnf("spool: full (%d items); dropped the oldest %s (#%d) that the hub has not accepted yet",
                    maxItems, victim.kind().fileWord(), victim.sequence());
        }
    }
}
