package io.homefleet.sensorproxy.controlplane;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.sensorproxy.config.AllowedNodes;
import io.homefleet.service.hubclient.Conditional;
import io.homefleet.service.hubclient.HubException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the hub's authorized-nodes answer may become the allow-list. A list is used only when it is whole and
 * consistent: one that is empty, fails its own hash or names a node the proxy could not use is refused here.
 */
public final class AuthorizedNodesCheck {
    private static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private AuthorizedNodesCheck() {
    }

    /** The current list, checked, or empty when it is still the one sent as {@code If-None-Match} (304). */
    public static Optional<AuthorizedNodes> checked(Conditional<AuthorizedNodes> answer) throws HubException {
        return answer.isNotModified() ? Optional.empty() : Optional.of(validate(answer.value()));
    }

    /** Checks an authorized-nodes answer; every way it can be unusable is a REJECTED failure. */
    static AuthorizedNodes validate(AuthorizedNodes list) throws HubException {
        if (list.nodes() == null) {
            throw rejected("the answer has no nodes");
        }
        if (list.nodes().isEmpty()) {
            throw rejected("the list is empty (a proxy's own host is always on it)");
        }
        if (list.nodes().stream().anyMatch(n -> n == null || n.name() == null || n.name().isBlank())) {
            throw rejected("a node has no name");
        }
        if (list.hash() == null || !HASH.matcher(list.hash()).matches()) {
            throw rejected("the hash '" + list.hash() + "' is not sha256:<64 hex digits>");
        }
        if (!list.hashMatches()) {
            throw rejected("the nodes do not hash to " + list.hash() + " (computed "
                    + AuthorizedNodes.hashOf(list.nodes()) + ")");
        }
        if (list.updatedAt() == null) {
            throw rejected("the answer has no updated_at");
        }
        try {
            AllowedNodes.fromAuthorized(list.nodes());
        } catch (IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
        return list;
    }

    private static HubException rejected(String why) {
        return new HubException(HubException.Kind.REJECTED, "the hub's answer was refused: " + why);
    }
}
