package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed list of event types (27, as the hub this replaces accepted). The last five are raised by the hub
 * itself and refused when a controller sends them, so no client can fake a dead man's switch transition.
 */
public enum EventType {
    BACKUP_COMPLETED,
    BACKUP_FAILED,
    DBDUMP_COMPLETED,
    DBDUMP_FAILED,
    CROSSDRIVE_COMPLETED,
    CROSSDRIVE_FAILED,
    INFRA_BACKUP_FAILED,
    APP_DEPLOYED,
    APP_REMOVED,
    APP_CRASHED,
    APP_UPDATED,
    DISK_SPACE_LOW,
    SMART_WARNING,
    UPDATE_STARTED,
    UPDATE_COMPLETED,
    UPDATE_FAILED,
    CONFIG_APPLIED,
    CONFIG_FAILED,
    CONTROLLER_STARTED,
    RESTORE_STARTED,
    RESTORE_COMPLETED,
    RESTORE_FAILED,
    NODE_STALE(true),
    NODE_DOWN(true),
    NODE_RECOVERED(true),
    EXPECTED_BACKUP_MISSED(true),
    EXPECTED_DBDUMP_MISSED(true);

    private final boolean hubOnly;

    EventType() {
        this(false);
    }

    EventType(boolean hubOnly) {
        this.hubOnly = hubOnly;
    }

    /** True for the types only the hub raises (dead man's switch, missed backups). */
    public boolean hubOnly() {
        return hubOnly;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    static EventType parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown event_type '" + value + "'; allowed: " + wireNames()));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }
}
