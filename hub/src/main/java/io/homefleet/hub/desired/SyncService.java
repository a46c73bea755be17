package io.homefleet.hub.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.DesiredState;
import io.homefleet.hub.customer.CustomerService;
import io.homefleet.hub.customerconfig.GeneratedConfigs;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Compares a customer's desired state with its controller's latest report (docs/hub.md, "Sync states"). */
@ApplicationScoped
public class SyncService {
    private static final String LATEST = """
            SELECT r.body::text AS body, r.received_at FROM customers c JOIN reports r ON r.id = c.last_report_pk
             WHERE c.id = ?""";

    @Inject
    CustomerService customers;

    @Inject
    DesiredStateAssembler assembler;

    @Inject
    DesiredStateSettings settings;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public SyncView of(String customerId) {
        customers.require(customerId);
        DesiredStateAssembler.Assembled desired = assembler.assemble(customerId);
        Latest latest = latest(customerId);
        ControllerReport report = latest == null ? null : latest.report();
        List<ValueDiff.KeyDiff> keys = List.of();
        if (desired.config().isPresent()) {
            GeneratedConfigs.GeneratedConfig config = desired.config().get();
            keys = ValueDiff.compare(config.values(), config.secretPaths(),
                    report == null ? null : report.configValues(), settings.volatileKeys());
        }
        List<SyncView.AppSync> apps = new ArrayList<>();
        for (DesiredState.PinnedApp pin : desired.state().apps()) {
            String installed = report == null || report.installedApps() == null ? null : report.installedApps()
                    .stream().filter(a -> a.id().equals(pin.id())).map(ControllerReport.InstalledApp::version)
                    .findFirst().orElse(null);
            apps.add(new SyncView.AppSync(pin.id(), pin.version(), installed, pin.version().equals(installed)));
        }
        String target = desired.state().controller().targetVersion();
        String running = report == null ? null : report.controllerVersion();
        SyncView.ControllerSync controller = new SyncView.ControllerSync(running, target,
                target == null || Objects.equals(target, running));
        boolean inSync = (desired.config().isEmpty() || report != null) && ValueDiff.allInSync(keys)
                && apps.stream().allMatch(SyncView.AppSync::inSync) && controller.inSync();
        long revision = desired.state().revision();
        Long applied = report == null ? null : report.appliedRevision();
        String state = inSync ? "in_sync" : applied == null || applied < revision ? "pending" : "drifted";
        return new SyncView(customerId, state, desired.config().isPresent(), revision, applied,
                latest == null ? null : latest.receivedAt(), keys, apps, controller);
    }

    private record Latest(ControllerReport report, Instant receivedAt) {
    }

    private Latest latest(String customerId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(LATEST)) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Latest(mapper.readValue(rs.getString("body"), ControllerReport.class),
                        Sql.instant(rs, "received_at"));
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        } catch (IOException e) {
            throw new IllegalStateException("a stored report is not readable", e);
        }
    }
}
