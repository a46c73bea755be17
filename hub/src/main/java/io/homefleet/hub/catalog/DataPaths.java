package io.homefleet.hub.catalog;

import java.util.regex.Pattern;

/** Where an app may keep files: its own data directory, written as a relative path, or a named volume. */
final class DataPaths {
    private static final Pattern NAMED_VOLUME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");

    private DataPaths() {
    }

    /** {@code ./x} or {@code .}: relative to the app's directory, with no {@code ..} step and no variable. */
    static boolean insideDataDirectory(String path) {
        if (path == null || !(path.equals(".") || path.equals("./") || path.startsWith("./"))) {
            return false;
        }
        for (String step : path.split("/")) {
            if (step.equals("..")) {
                return false;
            }
        }
        return !path.contains("$") && !path.contains("~");
    }

    static boolean isNamedVolume(String source) {
        return NAMED_VOLUME.matcher(source).matches();
    }
}
