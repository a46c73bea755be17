package io.homefleet.sensorproxy.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Subordinate id ranges ({@code /etc/subuid}, {@code /etc/subgid}: {@code user:start:count}) of the users
 * whose ID-mapped containers may read temperatures. A container's root appears on the host as the
 * range's first id; every id of a range is the same container, so they share one rate-limit bucket.
 */
public final class IdMapRanges {
    private final List<Range> uidRanges;
    private final List<Range> gidRanges;

    public IdMapRanges(List<Range> uidRanges, List<Range> gidRanges) {
        this.uidRanges = List.copyOf(uidRanges);
        this.gidRanges = List.copyOf(gidRanges);
    }

    public static IdMapRanges load(Path subuid, Path subgid, Collection<String> users) throws IOException {
        return new IdMapRanges(read(subuid, users), read(subgid, users));
    }

    static List<Range> read(Path file, Collection<String> users) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || !users.contains(f[0])) {
                continue;
            }
            try {
                ranges.add(new Range(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException ignored) {
                // a malformed line grants nothing
            }
        }
        return ranges;
    }

    /** The uid range containing this peer, when its gid is also inside a mapped gid range. */
    public Optional<Range> rangeOf(PeerCredentials peer) {
        Optional<Range> uidRange = uidRanges.stream().filter(r -> r.contains(peer.uid())).findFirst();
        boolean gidMapped = gidRanges.stream().anyMatch(r -> r.contains(peer.gid()));
        return gidMapped ? uidRange : Optional.empty();
    }

    public record Range(String user, long start, long count) {
        boolean contains(long id) {
            return id >= start && id < start + count;
        }
    }
}
