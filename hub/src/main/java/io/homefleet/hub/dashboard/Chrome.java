package io.homefleet.hub.dashboard;

/**
 * What every signed-in page's frame shows: title, the active menu entry, who is signed in with which role, the
 * session's CSRF token for the forms, and which actions the role offers.
 */
public record Chrome(String title, String active, String account, String role, String csrf, boolean operator,
                     boolean admin) {
}
