package io.homefleet.hub.dashboard;

import io.homefleet.hub.customerconfig.CustomerConfigService;
import io.homefleet.hub.customerconfig.CustomerConfigView;
import io.homefleet.hub.desired.SyncService;
import io.homefleet.hub.desired.SyncView;
import io.homefleet.hub.desired.ValueDiff;
import io.homefleet.hub.updates.UpdateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the Customer page's config and sync section from the same services the API answers from. */
@ApplicationScoped
public class SyncSectionBuilder {
    static final String SECRET = "secret (compared by hash, never shown)";

    @Inject
    SyncService sync;

    @Inject
    CustomerConfigService configs;

    @Inject
    UpdateService updates;

    public SyncSection build(String customerId) {
        SyncView view = sync.of(customerId);
        CustomerConfigView config = configs.view(customerId).orElse(null);
        List<SyncSection.KeyLine> differing = new ArrayList<>();
        int inSync = 0;
        for (ValueDiff.KeyDiff d : view.keys()) {
            if (d.state() == ValueDiff.State.in_sync) {
                inSync++;
            } else if (d.state() != ValueDiff.State.unmanaged) {
                differing.add(new SyncSection.KeyLine(d.key(), d.state().name(),
                        d.secret() ? SECRET : shown(d.desired()), d.secret() ? SECRET : shown(d.reported())));
            }
        }
        List<SyncSection.AppLine> apps = view.apps().stream().map(a -> new SyncSection.AppLine(a.id(),
                a.desiredVersion(), a.installedVersion() == null ? "not installed" : a.installedVersion(), a.inSync()))
                .toList();
        // The last check's one row, not the per-customer version list of the Updates page.
        UpdateService.LastCheck status = updates.lastCheck();
        String newest = status.newest();
        String target = view.controller().target();
        String running = view.controller().running();
        boolean offered = newest != null && !Objects.equals(newest, target) && !Objects.equals(newest, running);
        return new SyncSection(view.managed(), view.reportedAt() != null, view.state(), view.desiredRevision(),
                view.appliedRevision() == null ? "none reported" : view.appliedRevision().toString(),
                config == null ? null : config.changedBy(), config == null ? null : Ages.utc(config.changedAt()),
                config == null ? null : config.source(), differing, inSync, apps, running == null ? "–" : running,
                target == null ? "none" : target, newest == null ? "unknown" : newest, offered,
                status.error());
    }

    private static String shown(Object value) {
        return value == null ? "–" : String.valueOf(value);
    }
}
