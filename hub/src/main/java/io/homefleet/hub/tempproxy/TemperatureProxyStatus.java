package io.homefleet.hub.tempproxy;

import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.hub.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A host's sensor proxy as operators see it in the host views: registered or not, its kind, its last pull, the
 * hash it last pulled, and whether that is the hash of the host's list now ({@code hash_current}).
 */
@ContractRecord
public record TemperatureProxyStatus(
        boolean registered,
        String kind,
        String proxyUrl,
        java.util.UUID instanceId,
        Instant registeredAt,
        Instant lastPullAt,
        String lastHash,
        Boolean hashCurrent) {

    private static final TemperatureProxyStatus NONE =
            new TemperatureProxyStatus(false, null, null, null, null, null, null, null);

    /** Columns for the host queries (alias {@code tp_*}), from the joins in {@link #JOINS}. */
    public static final String COLUMNS = ", p.kind AS tp_kind, p.proxy_url AS tp_proxy_url,"
            + " p.instance_id AS tp_instance, p.registered_at AS tp_registered_at, p.last_pull_at AS tp_last_pull_at, p.last_hash AS tp_last_hash,"
            + " cur.hash AS tp_current_hash";

    /** Joins onto {@code hosts h}: the proxy, and the hash of its list now (kept by a trigger on hosts). */
    public static final String JOINS = " LEFT JOIN temperature_proxies p ON p.host_id = h.id"
            + " LEFT JOIN temperature_proxy_lists cur ON p.host_id IS NOT NULL"
            + " AND cur.scope = temperature_proxy_scope(h.cluster, h.id) ";

    public static TemperatureProxyStatus from(ResultSet rs) throws SQLException {
        String kind = rs.getString("tp_kind");
        if (kind == null) {
            return NONE;
        }
        String lastHash = rs.getString("tp_last_hash");
        return new TemperatureProxyStatus(true, kind, rs.getString("tp_proxy_url"),
                rs.getObject("tp_instance", java.util.UUID.class), Sql.instant(rs, "tp_registered_at"),
                Sql.instant(rs, "tp_last_pull_at"), lastHash,
                lastHash != null && lastHash.equals(rs.getString("tp_current_hash")));
    }
}
