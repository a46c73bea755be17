package io.homefleet.hub.tempproxy;

import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The authorized-node lists of sensor proxies, in plain SQL (every proxy polls).
 *
 * <p>A proxy may read the nodes of its own host's cluster: every host with the same {@code cluster}, and always
 * its own host (a host in no cluster gets a list of itself). A node's name is its Proxmox node name from host
 * reports, else its hostname; there is one entry per address, none without address ({@code ip} absent), and
 * identical name/address pairs appear once. Both the hosts' cluster and addresses come from the operator API and
 * from host reports. A trigger on {@code hosts} keeps each list's hash and the time it last changed in
 * {@code temperature_proxy_lists} (see V2__temperature_proxy.sql), so a poll whose list did not change costs
 * one single-row statement, which also records the pull; only a changed list is read.
 */
@ApplicationScoped
public class NodeListRepository {
    private static final String NODES = """
            SELECT DISTINCT coalesce(x.node, x.hostname) AS name, a.ip
              FROM hosts x LEFT JOIN LATERAL unnest(x.addresses) AS a(ip) ON true
             WHERE x.id = ? OR x.cluster = (SELECT me.cluster FROM hosts me WHERE me.id = ?)""";

    /** Records the pull on the proxy and answers the current hash of its list and when that list last changed. */
    private static final String PULL = """
            UPDATE temperature_proxies p SET last_pull_at = now(), last_hash = l.hash
              FROM hosts me
              JOIN temperature_proxy_lists l ON l.scope = temperature_proxy_scope(me.cluster, me.id)
             WHERE p.host_id = ? AND me.id = p.host_id
            RETURNING l.hash, l.updated_at""";

    @Inject
    AgroalDataSource dataSource;

    /** Records a pull by the host's proxy; empty when the host or its proxy registration is gone. */
    public Optional<Pulled> recordPull(String hostId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(PULL)) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Pulled(rs.getString("hash"), Sql.instant(rs, "updated_at")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The host's authorized nodes, sorted as they are hashed (empty only when the host is gone). */
    public List<AuthorizedNode> nodes(String hostId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(NODES)) {
            ps.setString(1, hostId);
            ps.setString(2, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuthorizedNode> nodes = new ArrayList<>();
                while (rs.next()) {
                    nodes.add(new AuthorizedNode(rs.getString("name"), rs.getString("ip")));
                }
                nodes.sort(Comparator.comparing(AuthorizedNode::line, NodeListRepository::utf8Order));
                return List.copyOf(nodes);
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The names a host goes by and its cluster, for a registration. */
    public Optional<HostNames> host(String hostId) {
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement("SELECT hostname, node, cluster FROM hosts WHERE id = ?")) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new HostNames(rs.getString("hostname"), rs.getString("node"),
                        rs.getString("cluster"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** What a pull learned: the list's current hash and when the list last changed. */
    public record Pulled(String hash, Instant updatedAt) {
    }

    /** A host's hostname, Proxmox node name (from its reports; may be absent) and cluster. */
    public record HostNames(String hostname, String node, String cluster) {
        /** True for the hostname, its first label, or the node name, ignoring case. */
        public boolean names(String name) {
            String wanted = name.toLowerCase(Locale.ROOT);
            String full = hostname.toLowerCase(Locale.ROOT);
            int dot = full.indexOf('.');
            return wanted.equals(full) || (dot > 0 && wanted.equals(full.substring(0, dot)))
                    || (node != null && wanted.equals(node.toLowerCase(Locale.ROOT)));
        }
    }
}
