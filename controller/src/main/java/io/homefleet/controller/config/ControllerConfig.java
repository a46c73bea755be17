package io.homefleet.controller.config;

import io.homefleet.common.contract.v1.Ids;
import io.homefleet.service.config.DurationRange;
import io.homefleet.service.tls.Fingerprint;
import io.homefleet.service.tls.TrustOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The controller's configuration, {@code /etc/homefleet-controller/controller.yaml} (0600), read by
 * {@link ControllerConfigLoader}: keys are the components in snake_case, unknown keys are errors, every key has a
 * {@code HOMEFLEET_CONTROLLER_*} environment override. Secrets (the customer key, the guest token) live in their own
 * 0600 files named here, so this file can be shown with only the web password hash redacted.
 *
 * <p>{@code customer} and {@code hub} are required once the file exists; without a file the controller is in setup
 * mode and only {@code web}, {@code docker} and {@code state_dir} (from defaults and the environment) apply.
 */
public record ControllerConfig(
        @Valid Customer customer,
        @Valid Hub hub,
        @Valid LocalApi localApi,
        @Valid Web web,
        @Valid Docker docker,
        @Valid Intervals intervals,
        @Valid Spool spool,
        Path stateDir,
        /* Sections the hub's config template carries; kept and reported, used where the controller has the feature. */
        @Valid Monitoring monitoring,
        Map<String, Object> notifications,
        /* Infrastructure settings from the hub (tunnel token and the like): every value a secret. */
        Map<String, String> infrastructure) {

    public static final Path DEFAULT_FILE = Path.of("/etc/homefleet-controller/controller.yaml");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/homefleet-controller");
    private static final String HOST_PORT = "^[^\\s:]+:[0-9]{1,5}$";

    public ControllerConfig {
        web = web == null ? new Web(null, null, null, null, null) : web;
        docker = docker == null ? new Docker(null) : docker;
        intervals = intervals == null ? new Intervals(null, null, null) : intervals;
        spool = spool == null ? new Spool(null) : spool;
        stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
        monitoring = monitoring == null ? new Monitoring(null) : monitoring;
        notifications = notifications == null ? Map.of() : notifications;
        infrastructure = infrastructure == null ? Map.of() : infrastructure;
    }

    /** {@code monitoring.enabled: false} while the customer paused monitoring (as the hub's template spells it). */
    public record Monitoring(Boolean enabled) {
        public Monitoring {
            enabled = enabled == null || enabled;
        }
    }

    /** The hub's template nests the trust settings: {@code hub.trust.ca_file}, {@code hub.trust.pinned_fingerprint}. */
    public record Trust(Path caFile, String pinnedFingerprint) {
    }

    /** Monitoring is on unless {@code hub.monitoring_enabled} or {@code monitoring.enabled} says false. */
    public boolean monitoringOn() {
        return (hub == null || hub.monitoringEnabled()) && monitoring.enabled();
    }

    /** Who this controller serves. */
    public record Customer(
            @Pattern(regexp = Ids.SLUG, message = Ids.SLUG_MESSAGE) String id,
            @Size(max = 200) String name,
            @Pattern(regexp = "^[A-Za-z0-9.-]+$", message = "must be a domain name") String domain) {
    }

    /** Where the hub is, which key this customer presents, and which certificates the hub may show. */
    public record Hub(
            @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL") String url,
            Path customerKeyFile,
            /* PEM CA bundle that signed the hub's certificate; unset = the JVM's trusted CAs. */
            Path caFile,
            /* SHA-256 of the hub's certificate (any common spelling); exactly that certificate. */
            String pinnedFingerprint,
            /* An http:// url is refused unless this is true (a laptop hub from make run). */
            Boolean allowPlainHttp,
            /* false while the customer paused monitoring: the hub then shows the controller as disabled. */
            Boolean monitoringEnabled,
            /* The same two settings nested, as the hub's generated controller.yaml writes them. */
            Trust trust) {

        public Hub {
            if (trust != null) {
                caFile = caFile == null ? trust.caFile() : caFile;
                pinnedFingerprint = pinnedFingerprint == null || pinnedFingerprint.isBlank()
                        ? trust.pinnedFingerprint() : pinnedFingerprint;
            }
            url = url == null ? null : url.replaceAll("/+$", "");
            pinnedFingerprint = pinnedFingerprint == null || pinnedFingerprint.isBlank() ? null
                    : Fingerprint.isValid(pinnedFingerprint) ? Fingerprint.parse(pinnedFingerprint).toString()
                    : pinnedFingerprint;
            allowPlainHttp = allowPlainHttp != null && allowPlainHttp;
            monitoringEnabled = monitoringEnabled == null || monitoringEnabled;
        }

        public boolean plainHttp() {
            return url != null && url.regionMatches(true, 0, "http://", 0, "http://".length());
        }

        /** Which certificates the hub may present; valid only after the checks passed. */
        public TrustOptions trustOptions() {
            return TrustOptions.fromSettings(caFile == null ? null : caFile.toString(), pinnedFingerprint, false);
        }
    }

    /** The host agent's local API: HTTPS to a pinned certificate, with this guest's token. */
    public record LocalApi(
            @Pattern(regexp = HOST_PORT, message = "must be host:port") String endpoint,
            String fingerprint,
            Path tokenFile,
            @Positive Integer vmid) {

        public LocalApi {
            fingerprint = fingerprint == null || fingerprint.isBlank() ? null
                    : Fingerprint.isValid(fingerprint) ? Fingerprint.parse(fingerprint).toString() : fingerprint;
        }

        public String baseUrl() {
            return "https://" + endpoint;
        }
    }

    /** The customer's web page. */
    public record Web(
            @Pattern(regexp = HOST_PORT, message = "must be host:port") String listen,
            /* Host headers served; empty = <host_prefix>.<customer domain> and localhost. */
            List<@NotBlank String> hostNames,
            /* First label of the default host name. */
            @Pattern(regexp = "^[a-z0-9-]+$", message = "must be a DNS label") String hostPrefix,
            /* bcrypt hash of the dashboard password; empty = the dashboard is open (and the log says so). */
            String passwordHash,
            /* Key for the page's session cookies, from the hub; a secret. */
            String sessionSecret) {

        public Web {
            listen = listen == null ? "0.0.0.0:8080" : listen;
            hostNames = hostNames == null ? List.of() : List.copyOf(hostNames);
            hostPrefix = hostPrefix == null ? "felhom" : hostPrefix;
            passwordHash = passwordHash == null || passwordHash.isBlank() ? null : passwordHash;
            sessionSecret = sessionSecret == null || sessionSecret.isBlank() ? null : sessionSecret;
        }

        public String host() {
            return listen.substring(0, listen.lastIndexOf(':'));
        }

        public int port() {
            return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        }
    }

    /** The Docker Engine API the customer's apps run under (Docker or Podman's compatible service). */
    public record Docker(Path socket) {
        public Docker {
            socket = socket == null ? Path.of("/var/run/docker.sock") : socket;
        }
    }

    public record Intervals(
            @DurationRange(min = "10s", max = "1d") Duration report,
            @DurationRange(min = "10s", max = "1d") Duration desiredState,
            @DurationRange(min = "5s", max = "1h") Duration agentCheck) {
        public Intervals {
            report = report == null ? Duration.ofMinutes(15) : report;
            desiredState = desiredState == null ? Duration.ofMinutes(5) : desiredState;
            agentCheck = agentCheck == null ? Duration.ofMinutes(3) : agentCheck;
        }
    }

    /** The on-disk queue of reports and events not yet accepted by the hub. */
    public record Spool(@Min(10) @Max(1_000_000) Integer maxItems) {
        public Spool {
            maxItems = maxItems == null ? 2000 : maxItems;
        }
    }

    /**
     * The customer's own preferences, kept under {@code notifications} (where the hub's config puts them): the
     * language of notifications and of the page in a browser that chose none, the address, and which notifications.
     */
    public record Preferences(String language, String email, boolean backupFailed, boolean appDown, boolean lowDisk) {
        public static final String LANGUAGE = "language";
        public static final String EMAIL = "email";
        public static final String BACKUP_FAILED = "backup_failed";
        public static final String APP_DOWN = "app_down";
        public static final String LOW_DISK = "low_disk";
    }

    /** From {@code notifications}; unset: Hungarian, the hub's address for the customer, every notification on. */
    public Preferences preferences() {
        Object language = notifications.get(Preferences.LANGUAGE);
        Object email = notifications.get(Preferences.EMAIL);
        return new Preferences(language instanceof String l && (l.equals("hu") || l.equals("en")) ? l : "hu",
                email instanceof String e && !e.isBlank() ? e : null, flag(Preferences.BACKUP_FAILED),
                flag(Preferences.APP_DOWN), flag(Preferences.LOW_DISK));
    }

    private boolean flag(String key) {
        return !(notifications.get(key) instanceof Boolean b) || b;
    }

    /** True when the identity and the hub are set (a usable controller.yaml). */
    public boolean configured() {
        return customer != null && customer.id() != null && hub != null && hub.url() != null;
    }

    public Path spoolDir() {
        return stateDir.resolve("spool");
    }

    /** The Host headers the web page answers: configured, or {@code <prefix>.<domain>} and localhost. */
    public List<String> servedHostNames() {
        if (!web.hostNames().isEmpty()) {
            return web.hostNames();
        }
        List<String> names = new ArrayList<>();
        if (customer != null && customer.domain() != null) {
            names.add(web.hostPrefix() + "." + customer.domain().toLowerCase(Locale.ROOT));
        }
        names.add("localhost");
        return names;
    }

    /** The customer's page as the hub links to it. */
    public String controllerUrl() {
        return customer == null || customer.domain() == null ? null : "https://" + servedHostNames().get(0);
    }

    /** The checks across keys that Bean Validation cannot express; each problem starts with its key. */
    static List<String> problems(ControllerConfig config, boolean requireIdentity) {
        List<String> problems = new ArrayList<>();
        if (requireIdentity) {
            if (config.customer == null || config.customer.id() == null) {
                problems.add("customer.id: is required");
            }
            if (config.hub == null || config.hub.url() == null) {
                problems.add("hub.url: is required");
            }
            if (config.hub != null && config.hub.customerKeyFile() == null) {
                problems.add("hub.customer_key_file: is required (a 0600 file holding the customer key, hfc_...)");
            }
        }
        Hub hub = config.hub;
        if (hub != null && hub.url() != null) {
            if (hub.plainHttp() && !hub.allowPlainHttp()) {
                problems.add("hub.url: " + hub.url() + " is plain http: the customer key would cross the network "
                        + "readable; use https, or set hub.allow_plain_http: true (a hub on a laptop)");
            }
            if (hub.caFile() != null && hub.pinnedFingerprint() != null) {
                problems.add("hub: choose one of ca_file and pinned_fingerprint");
            }
            if (hub.pinnedFingerprint() != null && !Fingerprint.isValid(hub.pinnedFingerprint())) {
                problems.add("hub.pinned_fingerprint: must be a SHA-256 fingerprint (64 hex digits, optionally in "
                        + "colon-separated pairs)");
            }
            if (hub.caFile() != null && !Files.isReadable(hub.caFile())) {
                problems.add("hub.ca_file: " + hub.caFile() + " is not a readable file");
            }
            if (hub.plainHttp() && Stream.of(hub.caFile(), hub.pinnedFingerprint()).anyMatch(v -> v != null)) {
                problems.add("hub: ca_file and pinned_fingerprint are for an https:// url");
            }
        }
        LocalApi api = config.localApi;
        if (api != null && api.endpoint() != null) {
            if (api.fingerprint() == null || !Fingerprint.isValid(api.fingerprint())) {
                problems.add("local_api.fingerprint: must be the SHA-256 fingerprint of the agent's certificate "
                        + "(the agent logs it at start)");
            }
            if (api.tokenFile() == null) {
                problems.add("local_api.token_file: is required with local_api.endpoint (a 0600 file holding "
                        + "this guest's token, hfg_...)");
            }
            if (api.vmid() == null) {
                problems.add("local_api.vmid: is required with local_api.endpoint (this guest's id on the host)");
            }
        }
        return problems;
    }
}
