package io.homefleet.hub.dashboard;

import io.homefleet.hub.operator.OperatorRole;
import io.homefleet.service.web.BrowserRequests;
import io.homefleet.service.web.CurrentSession;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** What every dashboard page needs from the request: its frame ({@link Chrome}) and the audit of its changes. */
@RequestScoped
public class PageSupport {
    @Inject
    CurrentSession session;

    @Inject
    UiAudit audit;

    @Inject
    HttpServerRequest request;

    public Chrome chrome(String title, String active) {
        boolean admin = session.hasRole(OperatorRole.ADMIN_ROLE);
        boolean operator = session.hasRole(OperatorRole.OPERATOR_ROLE);
        String role = admin ? "admin" : operator ? "operator" : session.hasRole(OperatorRole.VIEWER_ROLE) ? "viewer"
                : "";
        return new Chrome(title, active, session.account(), role, session.csrfToken(), operator, admin);
    }

    /** Writes one audit line for a change this request made (before the page answers). */
    public void audit(String action, String target, String detail) {
        audit.record(session.account(), action, target, address(), detail);
    }

    public String address() {
        return BrowserRequests.clientAddress(request);
    }

    public HttpServerRequest request() {
        return request;
    }

    public String account() {
        return session.account();
    }
}
