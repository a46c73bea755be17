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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The authorized-node lists of sensor proxies, in plain SQL (every proxy polls).
 *
 * <p>A proxy may read the nodes of its own host's cluster: every host with the same {@code cluster}, and always
 * its own host (a host in no cluster gets a list of itself). A node's name is its Proxmox node name from host
 * reports, else its hostname; there is one entry per address, none without address ({@code ip} absent), and
 * identical name/address pairs appear once. Both the hosts' cluster and addresses come from the operator API and
 * from host reports. A trigger on {@code hosts} keeps each list's hash and the time it last changed in
 * {@code temperature_proxy_lists} (see V2__temperature_proxy.sql), so a poll whose list did not change needs
 * only that hash, which {@link ListHashes} mostly answers from memory; only a changed list is read. Pulls are
 * recorded by {@link PullRecorder}.
 *
 * <p>Plain SQL (docs/hub.md, "Persistence"): the proxies' poll path. docs/benchmarks.md: a 304 costs
 * 0.047–0.093 ms of hub CPU closed loop, within 0.02–0.06 ms of the HTTP floor; the list is one query joining
 * hosts by cluster.
 */
@ApplicationScoped
public class NodeListRepository {
    private static final String NODES = """
            SELECT DISTINCT coalesce(x.node, x.hostname) AS name, a.ip
              FROM hosts x LEFT JOIN LATERAL unnest(x.addresses) AS a(ip) ON true
             WHERE x.id = ? OR x.cluster = (SELECT me.cluster FROM hosts me WHERE me.id = ?)""";

    /** The scope of the proxy's list, its current hash and when it last changed; no row without a proxy. */
    private static final String CURRENT = """
            SELECT l.scope, l.hash, l.updated_at
              FROM hosts me
              JOIN temperature_proxies p ON p.host_id = me.id
              JOIN temperature_proxy_lists l ON l.scope = temperature_proxy_scope(me.cluster, me.id)
             WHERE me.id = ?""";

    /** Records pulls; a pull never replaces a later one (another replica's, or one written at once). */
    private static final String RECORD = """
            UPDATE temperature_proxies p SET last_pull_at = u.at::timestamptz, last_hash = u.hash
              FROM unnest(?::text[], ?::text[], ?::text[]) AS u(host_id, at, hash)
             WHERE p.host_id = u.host_id AND (p.last_pull_at IS NULL OR p.last_pull_at < u.at::timestamptz)""";

    @Inject
    AgroalDataSource dataSource;

    /** The current state of the host's proxy's list; empty when the host or its proxy registration is gone. */
    public Optional<ListState> current(String hostId) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(CURRENT)) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ListState(rs.getString("scope"), rs.getString("hash"),
                        Sql.instant(rs, "updated_at"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Writes pulls (host id → when and which hash) in one statement; hosts or proxies that are gone are skipped. */
    void recordPulls(Map<String, PullRecorder.Pull> pulls) throws SQLException {
        int n = pulls.size();
        String[] hosts = new String[n];
        String[] times = new String[n];
        String[] hashes = new String[n];
        int i = 0;
        // In host order, so two replicas writing the same rows lock them in the same order.
        for (Map.Entry<String, PullRecorder.Pull> e : new TreeMap<>(pulls).entrySet()) {
            hosts[i] = e.getKey();
            times[i] = e.getValue().at().toString();
            hashes[i] = e.getValue().hash();
            i++;
        }
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(RECORD)) {
            ps.setArray(1, con.createArrayOf("text", hosts));
            ps.setArray(2, con.createArrayOf("text", times));
            ps.setArray(3, con.createArrayOf("text", hashes));
            ps.executeUpdate();
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

    /** A proxy's list: its scope ({@code cluster:<name>} or {@code host:<id>}), hash and when it last changed. */
    public record ListState(String scope, String hash, Instant updatedAt) {
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
