package io.homefleet.hub.dashboard;

import java.util.List;

/** The fleet's events timeline and its filters as the URL carries them. */
public record EventsPageModel(List<EventRow> events, String customer, String host, String type, String severity,
                              String period, List<String> types, List<String> severities, List<String> periods,
                              int limit) {
}
