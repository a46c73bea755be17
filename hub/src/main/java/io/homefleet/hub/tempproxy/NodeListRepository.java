package io.homefleet.hub.tempproxy;

import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The authorized-node list of a host's sensor proxy, in plain SQL (the hot path of every proxy's poll).
 *
 * <p>A proxy may read the nodes of its own host's cluster: every host with the same {@code cluster}, and always
 * its own host (a host in no cluster gets a list of itself). A node's name is its Proxmox node name from host
 * reports, else its hostname; there is one entry per address, none without address ({@code ip} absent), and
 * identical name/address pairs appear once. Both the hosts' cluster and addresses come from the operator API and
 * from host reports, so the list follows either, read fresh on every pull.
 */
@ApplicationScoped
public class NodeListRepository {
    /** The distinct {@code name|ip} entries visible from the host aliased {@code me}; shared with the host views. */
    static final String NODES_OF = """
            SELECT DISTINCT coalesce(x.node, x.hostname) AS name, a.ip
              FROM hosts x LEFT JOIN LATERAL unnest(x.addresses) AS a(ip) ON true
             WHERE x.id = %1$s.id OR x.cluster = %1$s.cluster""";

    /**
     * The same list's hash computed in SQL, equal to {@link AuthorizedNodes#hashOf} (lines sorted bytewise by
     * COLLATE "C" on UTF-8, joined with a newline), for the operator's views of many hosts in one query.
     */
    static final String HASH_OF = """
            SELECT 'sha256:' || encode(sha256(convert_to(
                       string_agg(l.line, E'\\n' ORDER BY l.line COLLATE "C"), 'UTF8')), 'hex') AS hash
              FROM (SELECT n.name || '|' || coalesce(n.ip, '') AS line FROM (%s) n) l""";

    private static final String SELECT = """
            SELECT me.cluster, p.host_id IS NOT NULL AS registered, n.name, n.ip
              FROM hosts me
              LEFT JOIN temperature_proxies p ON p.host_id = me.id
              LEFT JOIN LATERAL (%s) n ON true
             WHERE me.id = ?""".formatted(NODES_OF.formatted("me"));

    /**
     * Moves the scope's {@code updated_at} only when its hash differs (conditional upsert, safe on several
     * replicas), records the pull on the proxy, and answers the scope's {@code updated_at}.
     */
    private static final String RECORD = """
            WITH changed AS (
                INSERT INTO temperature_proxy_lists AS t (scope, hash, updated_at) VALUES (?, ?, now())
                ON CONFLICT (scope) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at
                 WHERE t.hash <> excluded.hash
                RETURNING t.updated_at),
            pulled AS (
                UPDATE temperature_proxies SET last_pull_at = now(), last_hash = ? WHERE host_id = ?)
            SELECT coalesce((SELECT updated_at FROM changed),
                            (SELECT updated_at FROM temperature_proxy_lists WHERE scope = ?)) AS updated_at""";

    @Inject
    AgroalDataSource dataSource;

    /** The host's cluster and its proxy's list; empty when the host is gone or has no registered proxy. */
    public Optional<NodeList> nodesFor(String hostId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(SELECT)) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                String cluster = null;
                boolean registered = false;
                List<AuthorizedNode> nodes = new ArrayList<>();
                while (rs.next()) {
                    cluster = rs.getString("cluster");
                    registered = rs.getBoolean("registered");
                    if (rs.getString("name") != null) {
                        nodes.add(new AuthorizedNode(rs.getString("name"), rs.getString("ip")));
                    }
                }
                if (nodes.isEmpty()) {
                    return Optional.empty();
                }
                nodes.sort(java.util.Comparator.comparing(AuthorizedNode::line, NodeListRepository::utf8Order));
                return Optional.of(new NodeList(hostId, cluster, registered, List.copyOf(nodes)));
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Records a pull of {@code hash} by the host's proxy; answers when the scope's list last changed. */
    public Instant recordPull(NodeList list, String hash) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(RECORD)) {
            for (int attempt = 0; ; attempt++) {
                ps.setString(1, list.scope());
                ps.setString(2, hash);
                ps.setString(3, hash);
                ps.setString(4, list.hostId());
                ps.setString(5, list.scope());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Instant updatedAt = Sql.instant(rs, "updated_at");
                    // A first row inserted by another replica in the same instant is invisible to this
                    // statement's snapshot; the next statement sees it.
                    if (updatedAt != null || attempt > 0) {
                        return updatedAt != null ? updatedAt : Instant.now();
                    }
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The names a host goes by, for matching a registration's hostname. */
    public Optional<HostNames> host(String hostId) {
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement("SELECT hostname, node FROM hosts WHERE id = ?")) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new HostNames(rs.getString("hostname"), rs.getString("node")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A host's hostname and Proxmox node name (from its reports; may be absent). */
    public record HostNames(String hostname, String node) {
        /** True for the hostname, its first label, or the node name, ignoring case. */
        public boolean names(String name) {
            String wanted = name.toLowerCase(java.util.Locale.ROOT);
            String full = hostname.toLowerCase(java.util.Locale.ROOT);
            int dot = full.indexOf('.');
            return wanted.equals(full) || (dot > 0 && wanted.equals(full.substring(0, dot)))
                    || (node != null && wanted.equals(node.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** A host's authorized nodes, sorted as they are hashed. */
    public record NodeList(String hostId, String cluster, boolean registered, List<AuthorizedNode> nodes) {
        /** Proxies of one cluster share a list (and its updated_at); a host in no cluster has its own. */
        String scope() {
            return cluster != null ? "cluster:" + cluster : "host:" + hostId;
        }

        String hash() {
            return AuthorizedNodes.hashOf(nodes);
        }
    }
}
