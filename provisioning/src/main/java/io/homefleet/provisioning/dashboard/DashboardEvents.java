package io.homefleet.provisioning.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.provisioning.lifecycle.HostStateChanged;
import io.homefleet.provisioning.pxe.DnsmasqStatus;
import io.homefleet.provisioning.pxe.PxeService;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Fans live changes out to every open dashboard ({@code GET /events}): {@code host} events for each committed state
 * change (never one that was rolled back), {@code pxe} events when dnsmasq's state changes. Each event's data is a
 * small JSON object; the pages patch their tiles with it.
 */
@Startup
@ApplicationScoped
public class DashboardEvents {
    private static final Logger LOG = Logger.getLogger(DashboardEvents.class);

    @Inject
    ObjectMapper json;

    @Inject
    PxeService pxe;

    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;

    @PostConstruct
    void listen() {
        pxe.onStatus(this::pxeChanged);
    }

    /** Adds a browser's stream; it stays until the browser goes away. */
    void register(SseEventSink sink, Sse sse) {
        synchronized (this) {
            if (broadcaster == null) {
                this.sse = sse;
                broadcaster = sse.newBroadcaster();
                broadcaster.onError((closed, error) -> LOG.debugf("a dashboard event stream ended: %s", error));
            }
        }
        broadcaster.register(sink);
        sink.send(sse.newEventBuilder().comment("connected").build());
    }

    void hostChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) HostStateChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", change.hostId());
        data.put("from", change.from() == null ? null : change.from().label());
        data.put("state", change.to().label());
        data.put("cause", change.cause());
        data.put("actor", change.actor());
        data.put("since", DashboardViews.time(change.at()));
        send("host", data);
    }

    void pxeChanged(DnsmasqStatus status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", status.state().name().toLowerCase());
        data.put("detail", status.detail());
        data.put("healthy", status.healthy());
        send("pxe", data);
    }

    private void send(String name, Map<String, Object> data) {
        SseBroadcaster target = broadcaster;
        if (target == null) {
            return; // nobody has opened a dashboard yet
        }
        try {
            target.broadcast(sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build());
        } catch (JsonProcessingException e) {
            LOG.warnf("cannot write a dashboard %s event: %s", name, e.getMessage());
        }
    }
}
