package io.homefleet.common.sensors;

/** What a finished command left: exit status, stdout (possibly cut at the cap) and the tail of stderr. */
public record CommandOutput(int exitCode, String stdout, String stderr, boolean truncated) {
}
