package io.homefleet.hub.desired;

/** If-None-Match against a strong ETag (RFC 9110: a list of entity tags or {@code *}; weak comparison). */
final class ETags {
    private ETags() {
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = etag.startsWith("\"") ? etag : "\"" + etag + "\"";
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
