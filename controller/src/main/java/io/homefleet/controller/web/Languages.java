package io.homefleet.controller.web;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.Locale;
import java.util.Set;

/**
 * The page languages: Hungarian by default, English on request. The choice is kept per browser in a cookie,
 * not per account, so it also works before sign-in and in setup mode.
 */
public final class Languages {
    public static final String COOKIE = "hf_lang";
    public static final String DEFAULT = "hu";
    public static final Set<String> SUPPORTED = Set.of("hu", "en");

    private Languages() {
    }

    /** The supported language a cookie value names, else the default. */
    public static String pick(String cookieValue) {
        return cookieValue != null && SUPPORTED.contains(cookieValue) ? cookieValue : DEFAULT;
    }

    public static Locale locale(String lang) {
        return Locale.forLanguageTag(pick(lang));
    }

    public static Msg messages(String lang) {
        return "hu".equals(pick(lang)) ? MessageBundles.get(Msg.class)
                : MessageBundles.get(Msg.class, Localized.Literal.of(pick(lang)));
    }
}
