package io.homefleet.controller.web;

/**
 * What the layout around every page needs: the language, which menu item is current, the request path (the
 * language switch returns there), the form token, and whether a sign-out button belongs in the header.
 */
public record PageFrame(String lang, String current, String path, String csrfField, String csrfToken,
                        boolean signedIn, boolean configured) {

    public boolean isHu() {
        return "hu".equals(lang);
    }

    public boolean isEn() {
        return "en".equals(lang);
    }
}
