package io.homefleet.sensorproxy.ssh;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The line a node's {@code /root/.ssh/authorized_keys} needs for this proxy: only from the proxy's
 * addresses, only the forced command, no forwarding and no terminal, so the key reads sensors and nothing else.
 */
public final class AuthorizedKeyLine {
    public static final String MARKER = "# homefleet-sensor-proxy";
    private static final Pattern FROM = Pattern.compile("^[0-9A-Za-z.:/*?!_-]+$");

    private AuthorizedKeyLine() {
    }

    public static String of(String publicKeyLine, List<String> from, String command) {
        StringBuilder sb = new StringBuilder();
        if (!from.isEmpty()) {
            for (String f : from) {
                if (!FROM.matcher(f).matches()) {
                    throw new IllegalArgumentException("'" + f + "' is not an address, network or host pattern");
                }
            }
            sb.append("from=\"").append(String.join(",", from)).append("\",");
        }
        if (command.contains("\"") || command.contains("\n")) {
            throw new IllegalArgumentException("the forced command must not contain quotes or newlines");
        }
        sb.append("command=\"").append(command).append("\",");
        sb.append("no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty ");
        String[] parts = publicKeyLine.trim().split("\\s+");
        // key type and data only; the marker at the end is what cleanup looks for
        sb.append(parts[0]).append(' ').append(parts[1]).append(' ').append(MARKER);
        return sb.toString();
    }
}
