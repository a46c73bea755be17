package io.homefleet.sensorproxy.socket;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a socket peer may do: read temperatures, change state (allow-list, cleanup), handle keys. */
public enum Capability {
    READ, WRITE, ADMIN;

    public static final Set<Capability> ALL = EnumSet.allOf(Capability.class);

    public static Capability of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
