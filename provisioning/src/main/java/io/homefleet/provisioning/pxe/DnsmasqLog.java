package io.homefleet.provisioning.pxe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines dnsmasq wrote (its log goes to stderr), kept for the dashboard and for troubleshooting. */
public final class DnsmasqLog {
    /** A line as dnsmasq wrote it, with the time it was read. */
    public record Line(Instant at, String text) {
    }

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Line> lines;

    public DnsmasqLog(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dnsmasq log keeps at least one line, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized Line add(String text) {
        Line line = new Line(clock.instant(), text);
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        return line;
    }

    /** The newest {@code max} lines, oldest first. */
    public synchronized List<Line> recent(int max) {
        List<Line> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, max)), all.size()));
    }

    /** The newest line, or null before dnsmasq wrote anything. */
    public synchronized Line last() {
        return lines.peekLast();
    }
}
