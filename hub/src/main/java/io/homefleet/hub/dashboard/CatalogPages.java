package io.homefleet.hub.dashboard;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.hub.catalog.CatalogService;
import io.homefleet.hub.operator.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The app catalog as customers' controllers receive it: every app with its versions, in English where it has it. */
@Path("/catalog")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(OperatorRole.VIEWER_ROLE)
public class CatalogPages {
    @Inject
    CatalogService catalog;

    @Inject
    PageSupport page;

    /** One app: its newest version's texts and every version imported, newest first. */
    public record AppLine(String id, String title, String tagline, String category, String format, String webPort,
                          List<String> versions, int notices) {
    }

    @GET
    public String catalog() {
        List<AppLine> apps = catalog.all().entrySet().stream().map(CatalogPages::line)
                .sorted(Comparator.comparing(AppLine::id)).toList();
        return DashboardTemplates.catalog(page.chrome("Catalog", "catalog"), apps).render();
    }

    private static AppLine line(Map.Entry<String, List<CatalogApp>> e) {
        List<CatalogApp> versions = e.getValue();
        CatalogApp newest = versions.get(0);
        return new AppLine(e.getKey(), text(newest.title()), text(newest.tagline()),
                newest.category() == null ? "–" : newest.category(), newest.format(),
                newest.webPort() == null ? "–" : newest.webPort().toString(),
                versions.stream().map(CatalogApp::version).toList(),
                newest.notices() == null ? 0 : newest.notices().size());
    }

    /** English first (the dashboard's language), else Hungarian, else any. */
    private static String text(Map<String, String> byLocale) {
        if (byLocale == null || byLocale.isEmpty()) {
            return "";
        }
        for (String locale : List.of("en", "en_US", "en_us", "hu", "hu_HU", "hu_hu")) {
            if (byLocale.containsKey(locale)) {
                return byLocale.get(locale);
            }
        }
        return byLocale.values().iterator().next();
    }
}
