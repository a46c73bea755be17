package io.homefleet.hub.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.hub.catalog.Versions;
import io.homefleet.hub.customer.CustomerService;
import io.homefleet.hub.db.Sql;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Lists the controller image's tags every {@code homefleet.hub.updates.every}, keeps the versions (tags that are
 * semantic versions) and sets update targets. A check locks the one {@code update_checks} row, so two replicas never
 * write the list at once, and writing the same list twice changes nothing.
 */
@ApplicationScoped
public class UpdateService {
    private static final Logger LOG = Logger.getLogger(UpdateService.class);

    @Inject
    UpdatesSettings settings;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    CustomerService customers;

    @Scheduled(every = "{homefleet.hub.updates.every}", identity = "controller-update-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheck() {
        if (settings.registry().isPresent()) {
            check();
        }
    }

    /** Lists the tags now and stores the outcome; a failure is stored (and shown) too, the old list kept. */
    public UpdateStatus check() {
        String registry = settings.registry().orElseThrow(() -> ProblemException.of(ProblemType.CONFLICT,
                "no registry configured: set homefleet.hub.updates.registry"));
        List<String> versions = null;
        String error = null;
        try {
            URI base = URI.create(registry);
            if (!"https".equals(base.getScheme()) && !("http".equals(base.getScheme())
                    && settings.allowPlainHttp())) {
                throw new IOException("the registry " + registry + " is not https (set "
                        + "homefleet.hub.updates.allow-plain-http=true for a registry on plain http)");
            }
            OciRegistryClient client = new OciRegistryClient(base, settings.username(), settings.password(),
                    settings.timeout(), mapper);
            versions = client.tags(settings.repository(), settings.pageSize()).stream().filter(Versions::isVersion)
                    .distinct().sorted(Versions.ORDER.reversed()).toList();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("Listing controller versions at %s failed: %s", registry, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        store(versions, error);
        return status();
    }

    private void store(List<String> versions, String error) {
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            try {
                try (PreparedStatement lock = con.prepareStatement("SELECT 1 FROM update_checks WHERE id = 1 "
                        + "FOR UPDATE")) {
                    lock.executeQuery().close();
                }
                if (versions != null) {
                    try (PreparedStatement del = con.prepareStatement(
                            "DELETE FROM controller_releases WHERE NOT (tag = ANY (?))")) {
                        del.setArray(1, con.createArrayOf("text", versions.toArray()));
                        del.executeUpdate();
                    }
                    try (PreparedStatement ins = con.prepareStatement("INSERT INTO controller_releases (tag, "
                            + "listed_at) SELECT t, now() FROM unnest(?::text[]) AS t ON CONFLICT (tag) DO NOTHING")) {
                        ins.setArray(1, con.createArrayOf("text", versions.toArray()));
                        ins.executeUpdate();
                    }
                }
                try (PreparedStatement upd = con.prepareStatement(versions != null
                        ? "UPDATE update_checks SET checked_at = now(), newest = ?, error = NULL WHERE id = 1"
                        : "UPDATE update_checks SET checked_at = now(), error = ? WHERE id = 1")) {
                    upd.setString(1, versions != null ? (versions.isEmpty() ? null : versions.get(0)) : error);
                    upd.executeUpdate();
                }
                con.commit();
            } catch (SQLException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The last registry check: when, the newest version it found, its error; one row, for pages and triggers. */
    public record LastCheck(Instant checkedAt, String newest, String error) {
    }

    public LastCheck lastCheck() {
        try (Connection con = dataSource.getConnection()) {
            return lastCheck(con);
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The versions the registry listed, newest first. */
    public List<String> versions() {
        try (Connection con = dataSource.getConnection()) {
            return versions(con);
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private static LastCheck lastCheck(Connection con) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(
                "SELECT checked_at, newest, error FROM update_checks WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new LastCheck(Sql.instant(rs, "checked_at"), rs.getString("newest"),
                    rs.getString("error")) : new LastCheck(null, null, null);
        }
    }

    private static List<String> versions(Connection con) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (PreparedStatement ps = con.prepareStatement("SELECT tag FROM controller_releases");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        versions.sort(Versions.ORDER.reversed());
        return versions;
    }

    /** Everything: the last check, the versions, and every customer's running and target version. */
    public UpdateStatus status() {
        try (Connection con = dataSource.getConnection()) {
            LastCheck last = lastCheck(con);
            String newest = last.newest();
            List<String> versions = versions(con);
            List<UpdateStatus.CustomerVersion> list = new ArrayList<>();
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT c.id, c.controller_version, t.target_version
                      FROM customers c LEFT JOIN controller_targets t ON t.customer_id = c.id ORDER BY c.id""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String running = rs.getString(2);
                    boolean behind = newest != null && running != null && Versions.isVersion(running)
                            && Versions.compare(newest, running) > 0;
                    list.add(new UpdateStatus.CustomerVersion(rs.getString(1), running, rs.getString(3), behind));
                }
            }
            return new UpdateStatus(settings.registry().orElse(null), settings.repository(), last.checkedAt(), newest,
                    last.error(), versions, list);
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Sets the target of one customer or of all; the version must be one the registry listed. */
    @Transactional
    public List<String> trigger(TriggerRequest request, String by) {
        boolean all = Boolean.TRUE.equals(request.all());
        if (all == (request.customerId() != null)) {
            throw new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS,
                    "name one customer (customer_id) or all (all: true)").withErrors(List.of(
                    new Problem.FieldError("customer_id", "give customer_id or all: true, not both and not neither"))));
        }
        List<String> known = versions();
        String version = request.version() != null ? request.version() : known.stream().findFirst().orElseThrow(
                () -> ProblemException.conflict("no controller versions are known yet; run a check first "
                        + "(POST /api/v1/updates/check)"));
        if (!known.contains(version)) {
            throw new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS, "version: " + version
                    + " is not among the registry's tags " + known).withErrors(List.of(new Problem.FieldError(
                    "version", "not among the registry's tags"))));
        }
        List<String> targets = all ? io.homefleet.hub.customer.CustomerEntity.<io.homefleet.hub.customer.CustomerEntity>
                listAll().stream().map(c -> c.id).sorted(Comparator.naturalOrder()).toList()
                : List.of(customers.require(request.customerId()).id);
        Instant now = Instant.now();
        for (String id : targets) {
            ControllerTargetEntity t = ControllerTargetEntity.findById(id);
            if (t == null) {
                t = new ControllerTargetEntity();
                t.customerId = id;
            }
            t.targetVersion = version;
            t.setAt = now;
            t.setBy = by;
            t.persist();
        }
        return targets;
    }
}
