package io.homefleet.hub.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.DesiredState;
import io.homefleet.hub.catalog.CatalogService;
import io.homefleet.hub.customerconfig.GeneratedConfigs;
import io.homefleet.hub.db.Sql;
import io.homefleet.hub.updates.ControllerTargetEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds a customer's desired state from its generated config, the catalog, its pins and its update target, and
 * gives it its revision: the digest of what is served is kept per customer, and the revision grows (once, in one
 * conditional statement, whichever replica sees it first) whenever the digest changes.
 */
@ApplicationScoped
public class DesiredStateAssembler {
    private static final String REVISION = """
            INSERT INTO desired_state_revisions AS d (customer_id, revision, digest, changed_at)
            VALUES (?, 1, ?, now())
            ON CONFLICT (customer_id) DO UPDATE SET revision = d.revision + 1, digest = excluded.digest,
                                                    changed_at = excluded.changed_at
             WHERE d.digest <> excluded.digest
            RETURNING revision""";

    @Inject
    Instance<GeneratedConfigs> configs;

    @Inject
    CatalogService catalog;

    @Inject
    PinService pins;

    @Inject
    DesiredStateMemory memory;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** The state as served: the record, its JSON, and its strong ETag (revision and digest). */
    public record Assembled(DesiredState state, byte[] json, String etag,
            Optional<GeneratedConfigs.GeneratedConfig> config) {
    }

    public Assembled assemble(String customerId) {
        Optional<GeneratedConfigs.GeneratedConfig> config = config(customerId);
        ControllerTargetEntity target = ControllerTargetEntity.findById(customerId);
        DesiredState content = new DesiredState(1, config.map(GeneratedConfigs.GeneratedConfig::values).orElse(null),
                memory.catalog(catalog::newest), pins.forController(customerId),
                new DesiredState.Controller(target == null ? null : target.targetVersion));
        // The customer's id is part of the digest: two customers with equal states never share an ETag.
        String digest = digest(customerId, bytes(content));
        long revision = revision(customerId, digest);
        DesiredState state = new DesiredState(revision, content.config(), content.catalog(), content.apps(),
                content.controller());
        return new Assembled(state, bytes(state), "\"" + revision + "-" + digest.substring(0, 32) + "\"", config);
    }

    /** Empty for a report-only customer, and while no customer-config feature is installed. */
    public Optional<GeneratedConfigs.GeneratedConfig> config(String customerId) {
        return configs.isResolvable() ? configs.get().current(customerId) : Optional.empty();
    }

    /** The revision now current for the customer (0 when nothing was ever served). */
    public long currentRevision(String customerId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(
                "SELECT revision FROM desired_state_revisions WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private long revision(String customerId, String digest) {
        try (Connection con = dataSource.getConnection()) {
            try (PreparedStatement ps = con.prepareStatement(REVISION)) {
                ps.setString(1, customerId);
                ps.setString(2, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = con.prepareStatement(
                    "SELECT revision FROM desired_state_revisions WHERE customer_id = ?")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private byte[] bytes(DesiredState state) {
        try {
            // Keys sorted, so equal states have equal bytes and digests whatever order their maps were built in.
            return mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String customerId, byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(customerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
