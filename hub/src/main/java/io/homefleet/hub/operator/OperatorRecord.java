package io.homefleet.hub.operator;

import java.time.Instant;

/** One dashboard operator as stored (the password only as its bcrypt hash). */
public record OperatorRecord(String name, String passwordHash, OperatorRole role, boolean mustChangePassword,
                             Instant createdAt, Instant passwordChangedAt) {
}
