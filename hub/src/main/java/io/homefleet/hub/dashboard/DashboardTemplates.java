package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.OperatorRecord;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The dashboard's pages (src/main/resources/templates/dashboard/), checked against these parameters at build. */
@CheckedTemplate(basePath = "dashboard")
public class DashboardTemplates {
    public static native TemplateInstance signIn(String error, String next, String name, String csrf);

    public static native TemplateInstance password(Chrome chrome, String error, boolean forced);

    public static native TemplateInstance fleet(Chrome chrome, FleetView view, List<FleetView.SortLink> sorts);

    public static native TemplateInstance fleetTable(Chrome chrome, FleetView view, List<FleetView.SortLink> sorts);

    public static native TemplateInstance customers(Chrome chrome, FleetView view, List<FleetView.SortLink> sorts);

    public static native TemplateInstance customer(Chrome chrome, CustomerPageModel page, SyncSection sync);

    public static native TemplateInstance hosts(Chrome chrome, List<HostPageModel.Line> hosts);

    public static native TemplateInstance host(Chrome chrome, HostPageModel page);

    public static native TemplateInstance events(Chrome chrome, EventsPageModel page);

    public static native TemplateInstance operators(Chrome chrome, List<OperatorRecord> operators, String message,
                                                    String error);

    public static native TemplateInstance updates(Chrome chrome, io.homefleet.hub.updates.UpdateStatus status,
                                                  String message);

    public static native TemplateInstance catalog(Chrome chrome, List<CatalogPages.AppLine> apps);

    public static native TemplateInstance approvals(Chrome chrome, List<io.homefleet.hub.approval.Approval> recent,
                                                    String issued, String message);

    public static native TemplateInstance audit(Chrome chrome, List<UiAudit.Entry> entries);
}
