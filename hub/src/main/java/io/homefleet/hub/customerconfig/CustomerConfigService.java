package io.homefleet.hub.customerconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.CustomerPreferences;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.credential.Tokens;
import io.homefleet.common.json.Json;
import io.homefleet.hub.auth.CredentialEntity;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.customer.CustomerEntity;
import io.homefleet.hub.secrets.StoredSecrets;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Managed customers' configs: revisions, the generated controller.yaml, create-from-report, pull-from-controller
 * and the retrieval password. Every change is serialized per customer by a lock on the customer's row; the
 * database triggers of V7_1 send {@link GeneratedConfigs#CHANGED_CHANNEL} when it commits.
 */
@ApplicationScoped
public class CustomerConfigService implements GeneratedConfigs {
    public static final String SOURCE_OPERATOR = "operator";
    public static final String SOURCE_FROM_REPORT = "from_report";
    public static final String SOURCE_PULLED = "pulled";
    /** A revision the customer made on its controller's Settings page ({@code PUT /api/v1/preferences}). */
    public static final String SOURCE_CUSTOMER = "customer";
    /** The keys under {@code notifications} that the customer's preferences own. */
    public static final String PREF_LANGUAGE = "language";
    public static final String PREF_EMAIL = "email";
    public static final String PREF_BACKUP_FAILED = "backup_failed";
    public static final String PREF_APP_DOWN = "app_down";
    public static final String PREF_LOW_DISK = "low_disk";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Inject
    ConfigTemplates templates;

    @Inject
    CustomerConfigSettings settings;

    @Inject
    CredentialService credentials;

    @Inject
    StoredSecrets secrets;

    // ---- GeneratedConfigs

    @Override
    @Transactional
    public Optional<GeneratedConfig> current(String customerId) {
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        if (config == null) {
            return Optional.empty();
        }
        CustomerEntity customer = CustomerEntity.findById(customerId);
        ConfigRevisionEntity revision = ConfigRevisionEntity.findById(config.currentRevision);
        return Optional.of(generate(customer, config, document(revision), templates.current(), settings.hubUrl()));
    }

    // ---- operator reads

    @Transactional
    public Optional<CustomerConfigView> view(String customerId) {
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        if (config == null) {
            return Optional.empty();
        }
        return Optional.of(view(config, ConfigRevisionEntity.findById(config.currentRevision)));
    }

    public CustomerConfigView require(String customerId) {
        requireCustomer(customerId);
        return view(customerId).orElseThrow(() -> reportOnly(customerId));
    }

    @Transactional
    public List<ConfigRevisionView> revisions(String customerId) {
        require(customerId);
        return ConfigRevisionEntity.<ConfigRevisionEntity>list("customerId = ?1 order by revision", customerId)
                .stream().map(this::revisionView).toList();
    }

    @Transactional
    public ConfigRevisionView revision(String customerId, long revision) {
        require(customerId);
        ConfigRevisionEntity r = ConfigRevisionEntity.findById(revision);
        if (r == null || !r.customerId.equals(customerId)) {
            throw ProblemException.notFound("customer '" + customerId + "' has no config revision " + revision);
        }
        return revisionView(r);
    }

    // ---- changes

    /** A new revision from the operator's document; creates the config when the customer was report-only. */
    @Transactional
    public CustomerConfigView save(String customerId, JsonNode body, String by) {
        lockCustomer(customerId);
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        CustomerConfigDocument current = config == null ? null
                : document(ConfigRevisionEntity.findById(config.currentRevision));
        CustomerConfigDocument document = CustomerConfigDocument.parse(body, current);
        return store(customerId, config, document, by, SOURCE_OPERATOR);
    }

    /** Makes a report-only customer managed, from its last report (and the live values it carried, if any). */
    @Transactional
    public CustomerConfigView createFromReport(String customerId, String by) {
        CustomerEntity customer = lockCustomer(customerId);
        if (CustomerConfigEntity.findById(customerId) != null) {
            throw ProblemException.conflict("customer '" + customerId + "' already has a config; change it with PUT "
                    + "/api/v1/customers/" + customerId + "/config or take the controller's values with POST .../pull");
        }
        JsonNode report = lastReport(customerId).orElseThrow(() -> ProblemException.conflict("customer '"
                + customerId + "' has sent no report yet; create its config with PUT /api/v1/customers/"
                + customerId + "/config"));
        Map<String, Object> monitoring = new LinkedHashMap<>();
        if (report.has("monitoring_enabled") && report.get("monitoring_enabled").isBoolean()) {
            monitoring.put("enabled", report.get("monitoring_enabled").asBoolean());
        }
        CustomerConfigDocument document = new CustomerConfigDocument(
                new CustomerConfigDocument.Identity(customer.name, validDomain(customer.domain)), Map.of(),
                monitoring, Map.of());
        JsonNode live = report.path("config_values");
        if (live.isObject()) {
            document = fromLiveValues(document, live, new ArrayList<>(), new ArrayList<>());
        }
        return store(customerId, null, recheck(document, null), by, SOURCE_FROM_REPORT);
    }

    /** Takes the controller's live values (its last report's {@code config_values}) into the config. */
    @Transactional
    public PullResult pull(String customerId, String by) {
        lockCustomer(customerId);
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        if (config == null) {
            throw reportOnly(customerId);
        }
        JsonNode live = lastReport(customerId).map(r -> r.path("config_values")).filter(JsonNode::isObject)
                .orElseThrow(() -> ProblemException.conflict("customer '" + customerId + "' has no report with "
                        + "config_values yet: its controller reports its live config with every report"));
        CustomerConfigDocument current = document(ConfigRevisionEntity.findById(config.currentRevision));
        List<String> taken = new ArrayList<>();
        List<PullResult.NotTaken> notTaken = new ArrayList<>();
        CustomerConfigDocument pulled = recheck(fromLiveValues(current, live, taken, notTaken), current);
        if (canonical(pulled).equals(canonical(current))) {
            return new PullResult(false, view(customerId).orElseThrow(), taken, notTaken);
        }
        return new PullResult(true, store(customerId, config, pulled, by, SOURCE_PULLED), taken, notTaken);
    }

    /** The answer to a customer's preferences: the revision that now holds them, and whether it is a new one. */
    @io.homefleet.common.contract.v1.ContractRecord
    public record PreferencesStored(String customerId, long revision, boolean changed) {
    }

    /**
     * The customer's own preferences (from its controller's Settings page) as a new revision of its config: the
     * {@code notifications} keys they name are replaced, everything else is kept; the same preferences sent again
     * (the controller's spool re-sends after an outage) store nothing new.
     *
     * @throws ProblemException 409 customer-not-managed for a report-only customer
     */
    @Transactional
    public PreferencesStored savePreferences(CustomerPreferences preferences, String by) {
        String customerId = preferences.customerId();
        lockCustomer(customerId);
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        if (config == null) {
            throw ProblemException.of(ProblemType.CUSTOMER_NOT_MANAGED, "customer '" + customerId + "' is "
                    + "report-only: the operator has not created its config, so its preferences cannot be stored");
        }
        CustomerConfigDocument current = document(ConfigRevisionEntity.findById(config.currentRevision));
        Map<String, Object> notifications = deepCopy(current.notifications());
        CustomerPreferences.Notifications wanted = preferences.notifications();
        notifications.put(PREF_LANGUAGE, preferences.language());
        if (wanted.email() == null || wanted.email().isBlank()) {
            notifications.remove(PREF_EMAIL);
        } else {
            notifications.put(PREF_EMAIL, wanted.email().strip());
        }
        notifications.put(PREF_BACKUP_FAILED, wanted.backupFailed());
        notifications.put(PREF_APP_DOWN, wanted.appDown());
        notifications.put(PREF_LOW_DISK, wanted.lowDisk());
        CustomerConfigDocument next = recheck(new CustomerConfigDocument(current.identity(), current.infrastructure(),
                current.monitoring(), notifications), current);
        if (canonical(next).equals(canonical(current))) {
            return new PreferencesStored(customerId, config.currentRevision, false);
        }
        CustomerConfigView stored = store(customerId, config, next, by, SOURCE_CUSTOMER);
        return new PreferencesStored(customerId, stored.configRevision(), true);
    }

    /** Back to report-only: the config and its revisions go (reports keep coming in). */
    @Transactional
    public void delete(String customerId) {
        lockCustomer(customerId);
        if (CustomerConfigEntity.deleteById(customerId)) {
            ConfigRevisionEntity.delete("customerId", customerId);
        } else {
            throw reportOnly(customerId);
        }
    }

    // ---- retrieval

    /** A new retrieval password (the previous one stops working); the answer is the only copy. */
    @Transactional
    public String newRetrievalPassword(String customerId) {
        lockCustomer(customerId);
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId);
        if (config == null) {
            throw reportOnly(customerId);
        }
        String password = randomSecret(24);
        config.retrievalPasswordHash = Tokens.sha256(password);
        config.retrievalPasswordSetAt = Instant.now();
        config.retrievalFailures = 0;
        config.retrievalWindowStart = null;
        return password;
    }

    /** How a retrieval went; failures are committed too (they count towards the rate limit). */
    public record Retrieval(Outcome outcome, String yaml, long retryAfterSeconds) {
        public enum Outcome { OK, REFUSED, RATE_LIMITED }
    }

    /**
     * controller.yaml for the holder of the customer's retrieval password, with a customer key issued for it (the
     * key the previous retrieval issued is revoked). Unknown customer, report-only customer, no password set and a
     * wrong password are one answer, so a caller learns nothing about which customers exist.
     */
    @Transactional
    public Retrieval retrieve(String customerId, String password, String requestBaseUrl) {
        CustomerConfigEntity config = CustomerConfigEntity.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        if (config == null || config.retrievalPasswordHash == null) {
            return new Retrieval(Retrieval.Outcome.REFUSED, null, 0);
        }
        Instant now = Instant.now();
        Duration window = settings.retrievalWindow();
        if (config.retrievalWindowStart == null || config.retrievalWindowStart.plus(window).isBefore(now)) {
            config.retrievalWindowStart = now;
            config.retrievalFailures = 0;
        }
        if (config.retrievalFailures >= settings.retrievalMaxFailures()) {
            long wait = Math.max(1, Duration.between(now, config.retrievalWindowStart.plus(window)).toSeconds());
            return new Retrieval(Retrieval.Outcome.RATE_LIMITED, null, wait);
        }
        if (password == null || !Tokens.matches(password, config.retrievalPasswordHash)) {
            config.retrievalFailures++;
            return new Retrieval(Retrieval.Outcome.REFUSED, null, 0);
        }
        if (config.retrievalKeyId != null) {
            CredentialEntity.update("revokedAt = ?1 where id = ?2 and revokedAt is null", now, config.retrievalKeyId);
            credentials.forgetCached();
        }
        IssuedKey key = credentials.issue(TokenKind.CUSTOMER, customerId, null);
        config.retrievalKeyId = key.keyId();
        CustomerEntity customer = CustomerEntity.findById(customerId);
        GeneratedConfig generated = generate(customer, config,
                document(ConfigRevisionEntity.findById(config.currentRevision)), templates.current(),
                settings.hubUrl().or(() -> Optional.ofNullable(requestBaseUrl)));
        Map<String, Object> values = ConfigMerge.merge(generated.values(), Map.of());
        ConfigMerge.put(values, "hub.customer_key", key.key());
        return new Retrieval(Retrieval.Outcome.OK, ControllerYaml.write(values), 0);
    }

    // ---- generation

    /**
     * Template deep-merged with what the hub knows of the customer, unset values left out; secrets in clear, their
     * paths listed.
     */
    GeneratedConfig generate(CustomerEntity customer, CustomerConfigEntity config,
            CustomerConfigDocument document, ConfigTemplates.Template template, Optional<String> hubUrl) {
        Map<String, Object> overlay = new LinkedHashMap<>();
        String name = document.identity() != null && document.identity().name() != null
                ? document.identity().name() : customer.name;
        String domain = document.identity() != null && document.identity().domain() != null
                ? document.identity().domain() : customer.domain;
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("id", customer.id);
        identity.put("name", name);
        if (domain != null) {
            identity.put("domain", domain);
        }
        overlay.put("customer", identity);
        hubUrl.ifPresent(url -> ConfigMerge.put(overlay, "hub.url", url.replaceAll("/+$", "")));
        ConfigMerge.put(overlay, "web.session_secret", secrets.open(config.sessionSecret,
                StoredSecrets.sessionSecretContext(customer.id)));
        if (!document.monitoring().isEmpty()) {
            overlay.put("monitoring", document.monitoring());
        }
        if (!document.notifications().isEmpty()) {
            overlay.put("notifications", document.notifications());
        }
        Set<String> secretPaths = new LinkedHashSet<>();
        secretPaths.add("web.session_secret");
        if (!document.infrastructure().isEmpty()) {
            overlay.put("infrastructure", new TreeMap<>(document.infrastructure()));
            document.infrastructure().keySet().forEach(k -> secretPaths.add("infrastructure." + k));
        }
        Map<String, Object> values = ConfigMerge.pruned(ConfigMerge.merge(template.values(), overlay));
        return new GeneratedConfig(Math.max(config.currentRevision, template.version()), values,
                Set.copyOf(secretPaths));
    }

    // ---- helpers

    private CustomerConfigView store(String customerId, CustomerConfigEntity config, CustomerConfigDocument document,
            String by, String source) {
        ConfigRevisionEntity revision = new ConfigRevisionEntity();
        revision.customerId = customerId;
        revision.body = storedJson(customerId, document);
        revision.changedBy = by;
        revision.changedAt = Instant.now();
        revision.source = source;
        revision.persistAndFlush();
        if (config == null) {
            config = new CustomerConfigEntity();
            config.customerId = customerId;
            config.sessionSecret = secrets.seal(randomSecret(32), StoredSecrets.sessionSecretContext(customerId));
            config.createdAt = revision.changedAt;
            config.currentRevision = revision.revision;
            config.persist();
        } else {
            config.currentRevision = revision.revision;
        }
        return view(config, revision);
    }

    private CustomerConfigView view(CustomerConfigEntity config, ConfigRevisionEntity revision) {
        ConfigTemplates.Template template = templates.current();
        CustomerConfigDocument document = document(revision);
        Set<String> secretPaths = new LinkedHashSet<>();
        secretPaths.add("web.session_secret");
        document.infrastructure().keySet().forEach(k -> secretPaths.add("infrastructure." + k));
        return new CustomerConfigView(config.customerId, Math.max(config.currentRevision, template.version()),
                config.currentRevision, template.version(), revision.changedBy, revision.changedAt, revision.source,
                document.redacted(), secretPaths, config.retrievalPasswordHash != null, config.retrievalPasswordSetAt);
    }

    private ConfigRevisionView revisionView(ConfigRevisionEntity r) {
        return new ConfigRevisionView(r.revision, r.customerId, r.changedBy, r.changedAt, r.source,
                document(r).redacted());
    }

    /**
     * The document with the controller's live values laid over it: identity, monitoring and notifications are
     * taken; a secret (reported only as its digest) is kept when it matches, else named as not taken; hub-owned and
     * template keys are named as not taken.
     */
    @SuppressWarnings("unchecked")
    static CustomerConfigDocument fromLiveValues(CustomerConfigDocument base, JsonNode live, List<String> taken,
            List<PullResult.NotTaken> notTaken) {
        String name = base.identity() == null ? null : base.identity().name();
        String domain = base.identity() == null ? null : base.identity().domain();
        Map<String, Object> monitoring = deepCopy(base.monitoring());
        Map<String, Object> notifications = deepCopy(base.notifications());
        List<String> keys = new ArrayList<>();
        live.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        for (String key : keys) {
            JsonNode value = live.get(key);
            Object plain = MAPPER.convertValue(value, Object.class);
            if (key.equals("customer.name") && value.isTextual()) {
                name = value.asText();
                taken.add(key);
            } else if (key.equals("customer.domain") && value.isTextual()) {
                domain = value.asText();
                taken.add(key);
            } else if (key.startsWith("monitoring.") && key.length() > "monitoring.".length()) {
                ConfigMerge.put(monitoring, key.substring("monitoring.".length()), plain);
                taken.add(key);
            } else if (key.startsWith("notifications.") && key.length() > "notifications.".length()) {
                ConfigMerge.put(notifications, key.substring("notifications.".length()), plain);
                taken.add(key);
            } else if (key.startsWith("infrastructure.")) {
                String secret = base.infrastructure().get(key.substring("infrastructure.".length()));
                if (secret != null && io.homefleet.common.contract.v1.SecretDigest.of(secret).equals(value.asText())) {
                    taken.add(key);
                } else {
                    notTaken.add(new PullResult.NotTaken(key, "a secret is reported only as its digest and differs "
                            + "from the hub's; set it in clear with PUT .../config"));
                }
            } else if (key.equals("customer.id") || key.startsWith("hub.") || key.equals("web.session_secret")) {
                notTaken.add(new PullResult.NotTaken(key, "set by the hub, not part of the customer's config"));
            } else {
                notTaken.add(new PullResult.NotTaken(key, "a template value, not part of the customer's config"));
            }
        }
        return new CustomerConfigDocument(name == null && domain == null ? null
                : new CustomerConfigDocument.Identity(name, domain), base.infrastructure(), monitoring, notifications);
    }

    /** A document built by the hub goes through the operator's checks too, so nothing invalid is stored. */
    private static CustomerConfigDocument recheck(CustomerConfigDocument document, CustomerConfigDocument current) {
        JsonNode tree = MAPPER.valueToTree(new CustomerConfigDocument(document.identity(),
                document.infrastructure().isEmpty() ? null : document.redacted().infrastructure(),
                document.monitoring(), document.notifications()));
        CustomerConfigDocument checked = CustomerConfigDocument.parse(tree,
                current != null ? current : document);
        return checked;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        return MAPPER.convertValue(map, LinkedHashMap.class);
    }

    private Optional<JsonNode> lastReport(String customerId) {
        List<?> rows = Panache.getEntityManager().createNativeQuery(
                        "SELECT r.body::text FROM customers c JOIN reports r ON r.id = c.last_report_pk WHERE c.id = ?1")
                .setParameter(1, customerId).getResultList();
        if (rows.isEmpty() || rows.get(0) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(rows.get(0).toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report is not JSON", e);
        }
    }

    private static CustomerEntity lockCustomer(String customerId) {
        CustomerEntity customer = CustomerEntity.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            throw ProblemException.notFound("no customer '" + customerId + "'");
        }
        return customer;
    }

    private static void requireCustomer(String customerId) {
        if (CustomerEntity.findById(customerId) == null) {
            throw ProblemException.notFound("no customer '" + customerId + "'");
        }
    }

    static ProblemException reportOnly(String customerId) {
        return ProblemException.notFound("customer '" + customerId + "' is report-only (it has no config); create "
                + "one with PUT /api/v1/customers/" + customerId + "/config or POST .../config/from-report");
    }

    private static String validDomain(String domain) {
        return domain != null && CustomerConfigDocument.DOMAIN.matcher(domain).matches() ? domain : null;
    }

    /** A stored revision with its infrastructure secrets opened (they are sealed in the database). */
    CustomerConfigDocument document(ConfigRevisionEntity revision) {
        CustomerConfigDocument stored;
        try {
            stored = MAPPER.readValue(revision.body, CustomerConfigDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config revision " + revision.revision + " is not readable", e);
        }
        return withInfrastructure(stored, value -> secrets.open(value.getValue(),
                StoredSecrets.infrastructureContext(revision.customerId, value.getKey())));
    }

    /** The document as stored: every infrastructure value sealed, bound to this customer and key. */
    private String storedJson(String customerId, CustomerConfigDocument document) {
        return json(withInfrastructure(document, value -> secrets.seal(value.getValue(),
                StoredSecrets.infrastructureContext(customerId, value.getKey()))));
    }

    private static CustomerConfigDocument withInfrastructure(CustomerConfigDocument document,
            java.util.function.Function<Map.Entry<String, String>, String> transform) {
        if (document.infrastructure() == null || document.infrastructure().isEmpty()) {
            return document;
        }
        Map<String, String> out = new TreeMap<>();
        document.infrastructure().entrySet().forEach(e -> out.put(e.getKey(), transform.apply(e)));
        return new CustomerConfigDocument(document.identity(), out, document.monitoring(), document.notifications());
    }

    /**
     * Seals what an earlier version stored in clear (infrastructure values, session secrets); idempotent, and a
     * no-op once everything is sealed. Run at start.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int sealStoredSecrets() {
        int sealed = 0;
        List<ConfigRevisionEntity> clear = ConfigRevisionEntity.getEntityManager().createNativeQuery(
                "SELECT * FROM customer_config_revisions r WHERE jsonb_typeof(r.body->'infrastructure') = 'object' "
                        + "AND EXISTS (SELECT 1 FROM jsonb_each_text(r.body->'infrastructure') e "
                        + "WHERE e.value NOT LIKE 'hfsealed:%')", ConfigRevisionEntity.class).getResultList();
        for (ConfigRevisionEntity r : clear) {
            r.body = storedJson(r.customerId, document(r));
            sealed++;
        }
        for (CustomerConfigEntity c : CustomerConfigEntity.<CustomerConfigEntity>list(
                "sessionSecret not like 'hfsealed:%'")) {
            c.sessionSecret = secrets.seal(c.sessionSecret, StoredSecrets.sessionSecretContext(c.customerId));
            sealed++;
        }
        return sealed;
    }

    private static String json(CustomerConfigDocument document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The document as JSON with map keys sorted: equal for equal content, whatever the order or number types. */
    private static String canonical(CustomerConfigDocument document) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json(document), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
