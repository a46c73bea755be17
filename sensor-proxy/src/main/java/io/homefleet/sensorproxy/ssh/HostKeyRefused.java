package io.homefleet.sensorproxy.ssh;

/** Why the last connection to a node was refused at the host-key step, kept so callers see the reason. */
record HostKeyRefused(String node, String reason) {
}
