package io.homefleet.hub.dashboard;

import io.homefleet.hub.auth.KeyView;
import io.quarkus.qute.RawString;
import java.util.List;

/** Everything the Customer page shows. */
public record CustomerPageModel(String id, String name, String email, String status, String why, boolean waiting,
                                boolean blocked, String lastReport, String version, String hostId,
                                String hostname, List<Metric> metrics, List<StorageLine> storage,
                                List<ContainerLine> containers, List<Metric> backups, List<EventRow> events,
                                String severity, RawString chart, String period, List<String> periods,
                                List<KeyLine> keys, String newKey, String message) {

    public record Metric(String label, String value) {
    }

    public record StorageLine(String path, String used, String total, String percent, String smart, String temp,
                              boolean failing) {
    }

    public record ContainerLine(String name, String image, String state, String health) {
    }

    public record KeyLine(String id, String hint, String created, String lastUsed, boolean revoked) {
        static KeyLine of(KeyView k, java.time.Instant now) {
            return new KeyLine(k.keyId().toString(), k.hint(), Ages.utc(k.createdAt()), Ages.ago(k.lastUsedAt(), now),
                    k.revokedAt() != null);
        }
    }
}
