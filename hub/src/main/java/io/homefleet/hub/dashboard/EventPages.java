package io.homefleet.hub.dashboard;

import io.homefleet.common.contract.v1.EventType;
import io.homefleet.common.contract.v1.Severity;
import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The fleet's events timeline; every filter is a query parameter, so a link shows the same view. */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class EventPages {
    static final int LIMIT = 500;

    @Inject
    DashboardQueries queries;

    @Inject
    PageSupport page;

    @GET
    public String events(@QueryParam("customer") String customer, @QueryParam("host") String host,
                                   @QueryParam("type") String type, @QueryParam("severity") String severity,
                                   @QueryParam("period") String period) {
        String p = blank(period) ? "24h" : period.trim();
        Duration span = CustomerPageBuilder.PERIODS.get(p);
        if (span == null) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "period must be one of "
                    + CustomerPageBuilder.PERIODS.keySet()).with("parameter", "period");
        }
        if (!blank(type) && EventType.fromWire(type.trim()).isEmpty()) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "type must be one of " + EventType.wireNames())
                    .with("parameter", "type");
        }
        if (!blank(severity) && Severity.fromWire(severity.trim()).isEmpty()) {
            throw ProblemException.of(ProblemType.INVALID_PARAMETER, "severity must be info, warning or error")
                    .with("parameter", "severity");
        }
        Instant now = Instant.now();
        var filter = new DashboardQueries.EventFilter(trim(customer), trim(host), trim(type), trim(severity));
        List<EventRow> rows = queries.events(filter, now.minus(span), LIMIT).stream()
                .map(e -> EventRow.of(e, now)).toList();
        return DashboardTemplates.events(page.chrome("Events", "events"), new EventsPageModel(rows,
                orEmpty(filter.customer()), orEmpty(filter.host()), orEmpty(filter.type()),
                orEmpty(filter.severity()), p, EventType.wireNames(), List.of("info", "warning", "error"),
                List.copyOf(CustomerPageBuilder.PERIODS.keySet()), LIMIT)).render();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
