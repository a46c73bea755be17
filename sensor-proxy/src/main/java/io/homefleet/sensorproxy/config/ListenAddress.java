package io.homefleet.sensorproxy.config;

/** {@code host:port}, {@code :port} (all interfaces) or {@code [v6]:port}. */
public record ListenAddress(String host, int port) {
    public static ListenAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not host:port (e.g. :8444 or 127.0.0.1:8444)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port must be 0..65535");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
