package io.homefleet.controller.web;

import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.runtime.ControllerRuntime;
import io.homefleet.service.web.CsrfGuard;
import io.homefleet.service.web.CurrentSession;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One page request as the pages see it: its language (from the browser's cookie), formats and frame. */
@RequestScoped
public class PageContext {
    @Inject
    UiConfig config;
    @Inject
    HttpServerRequest request;
    @Inject
    CurrentSession session;

    @Inject
    ControllerRuntime runtime;

    /** The browser's choice; without one, the customer's preferred language (Settings), else Hungarian. */
    public String lang() {
        Cookie cookie = request.getCookie(Languages.COOKIE);
        if (cookie != null) {
            return Languages.pick(cookie.getValue());
        }
        ControllerConfig config = runtime.config();
        return config == null ? Languages.DEFAULT : Languages.pick(config.preferences().language());
    }

    /** One per language: a Formats is immutable, and building its date pattern and bundle lookup per page is waste. */
    private static final Map<String, Formats> FORMATS = new ConcurrentHashMap<>();

    public Formats formats() {
        return FORMATS.computeIfAbsent(lang(),
                lang -> new Formats(Languages.locale(lang), config.timeZone(), Languages.messages(lang)));
    }

    public PageFrame frame(String current, boolean configured) {
        var signedIn = session.get();
        return new PageFrame(lang(), current, request.path(), CsrfGuard.FIELD,
                signedIn.map(s -> s.csrfToken()).orElse(""), signedIn.isPresent(), configured);
    }
}
