package io.homefleet.hub.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.homefleet.common.contract.v1.Event;
import io.homefleet.hub.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Stores events; a re-sent event (same customer and event_id) is stored once; event ids are unique per customer.
 *
 * <p>Plain SQL (docs/hub.md, "Persistence"): the event ingest path, one {@code INSERT ... ON CONFLICT DO NOTHING}
 * (an idempotent insert without a read first, which Panache cannot express). No figure of its own yet: one
 * statement per event, the shape of the raw-insert floor in docs/benchmarks.md (10,039 rows/s).
 */
@ApplicationScoped
public class EventRepository {
    private static final String INSERT = """
            INSERT INTO events (event_id, customer_id, event_type, severity, message, details, source, occurred_at,
                                received_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (customer_id, event_id) DO NOTHING""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** True when stored, false when an event with this id was already there. */
    public boolean insert(Event event, String source, Instant receivedAt) {
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(INSERT)) {
            ps.setObject(1, event.eventId());
            ps.setString(2, event.customerId());
            ps.setString(3, event.eventType().wireName());
            ps.setString(4, event.severity().wireName());
            ps.setString(5, event.message());
            ps.setString(6, event.details() == null ? null : mapper.writeValueAsString(event.details()));
            ps.setString(7, source);
            ps.setObject(8, Sql.ts(event.occurredAt() == null ? receivedAt : event.occurredAt()));
            ps.setObject(9, Sql.ts(receivedAt));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
