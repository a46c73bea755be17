package io.homefleet.hub.dashboard;

import java.util.List;

/**
 * The Customer page's "Configuration and sync" section: whether the customer is managed, its config's revision, the
 * sync state with the keys that differ (secrets never shown), pinned apps, and the controller's running, target and
 * newest versions.
 */
public record SyncSection(boolean managed, boolean hasReport, String state, long desiredRevision,
                          String appliedRevision, String changedBy, String changedAt, String source,
                          List<KeyLine> differing, int keysInSync, List<AppLine> apps, String running,
                          String target, String newest, boolean updateOffered, String registryError) {

    /** One managed key that is not as desired; {@code desired} and {@code reported} are placeholders for secrets. */
    public record KeyLine(String key, String state, String desired, String reported) {
    }

    public record AppLine(String id, String desired, String installed, boolean inSync) {
    }
}
