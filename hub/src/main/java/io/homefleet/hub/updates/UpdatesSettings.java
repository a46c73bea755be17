package io.homefleet.hub.updates;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Controller updates: {@code homefleet.hub.updates.*} (env HOMEFLEET_HUB_UPDATES_*). */
@ConfigMapping(prefix = "homefleet.hub.updates")
public interface UpdatesSettings {
    /** How often the controller image's tags are listed; "off" disables the check (a Quarkus scheduler period). */
    @WithDefault("30m")
    String every();

    /** The registry's base URL, e.g. https://ghcr.io; absent: no checks. */
    Optional<String> registry();

    /** The controller image's repository in that registry. */
    @WithDefault("homefleet/controller")
    String repository();

    /** For a registry whose token service wants a login (HTTP Basic at the token realm); anonymous otherwise. */
    Optional<String> username();

    Optional<String> password();

    /** Tags asked for per page ({@code n}); the registry may send fewer and a Link to the next page. */
    @WithDefault("100")
    int pageSize();

    /** The longest one registry request may take. */
    @WithDefault("20s")
    Duration timeout();

    /** A registry over plain http (only for a registry on the same host or in tests); https otherwise. */
    @WithDefault("false")
    boolean allowPlainHttp();
}
