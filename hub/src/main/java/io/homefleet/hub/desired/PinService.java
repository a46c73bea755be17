package io.homefleet.hub.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.common.contract.v1.DesiredState;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.hub.catalog.CatalogService;
import io.homefleet.hub.catalog.InstallFieldTypes;
import io.homefleet.hub.customer.CustomerService;
import io.homefleet.hub.secrets.StoredSecrets;
import io.homefleet.service.crypto.SecretBox;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operator's pins: which catalog app, at which version and with which settings, a customer's guest runs. */
@ApplicationScoped
public class PinService {
    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };

    @Inject
    CatalogService catalog;

    @Inject
    CustomerService customers;

    @Inject
    ObjectMapper mapper;

    @Inject
    StoredSecrets secrets;

    /** Pins (or re-pins) an app; the settings are checked against the version's install fields. */
    @Transactional
    public PinnedAppView pin(String customerId, String appId, PinRequest request, String by) {
        customers.require(customerId);
        CatalogApp app = catalog.version(appId, request.version()).orElseThrow(() -> ProblemException.of(
                ProblemType.NOT_FOUND, "the catalog has no app '" + appId + "' at version " + request.version()));
        Map<String, Object> settings = checked(app, request.settings() == null ? Map.of() : request.settings());
        AppPinEntity pin = AppPinEntity.find("customerId = ?1 and appId = ?2", customerId, appId).firstResult();
        if (pin == null) {
            pin = new AppPinEntity();
            pin.customerId = customerId;
            pin.appId = appId;
        }
        pin.version = request.version();
        pin.settings = json(sealed(customerId, app, settings));
        pin.pinnedAt = Instant.now();
        pin.pinnedBy = by;
        pin.persistAndFlush();
        return view(pin, app);
    }

    @Transactional
    public void unpin(String customerId, String appId) {
        customers.require(customerId);
        if (AppPinEntity.delete("customerId = ?1 and appId = ?2", customerId, appId) == 0) {
            throw ProblemException.notFound("customer '" + customerId + "' has no pinned app '" + appId + "'");
        }
    }

    public List<PinnedAppView> list(String customerId) {
        customers.require(customerId);
        return AppPinEntity.<AppPinEntity>list("customerId = ?1 order by appId", customerId).stream()
                .map(p -> view(p, catalog.version(p.appId, p.version).orElse(null))).toList();
    }

    /** The customer's pins as its controller receives them (settings in clear). */
    public List<DesiredState.PinnedApp> forController(String customerId) {
        return AppPinEntity.<AppPinEntity>list("customerId = ?1 order by appId", customerId).stream()
                .map(p -> new DesiredState.PinnedApp(p.appId, p.version, opened(p, read(p.settings)))).toList();
    }

    /**
     * Seals the password-typed settings that an earlier version stored in clear; idempotent, run at start. A pin
     * whose catalog version is gone keeps its settings as they are.
     */
    @Transactional
    public int sealStoredSecrets() {
        int sealed = 0;
        // Many pins share a few catalog versions: each is read once.
        Map<String, java.util.Optional<CatalogApp>> apps = new java.util.HashMap<>();
        for (AppPinEntity pin : AppPinEntity.<AppPinEntity>listAll()) {
            CatalogApp app = apps.computeIfAbsent(pin.appId + "@" + pin.version,
                    k -> catalog.version(pin.appId, pin.version)).orElse(null);
            if (app == null) {
                continue;
            }
            Map<String, Object> stored = read(pin.settings);
            Map<String, Object> resealed = sealed(pin.customerId, app, stored);
            if (!resealed.equals(stored)) {
                pin.settings = json(resealed);
                sealed++;
            }
        }
        return sealed;
    }

    /** The settings with every password-typed value sealed (bound to customer, app and field). */
    private Map<String, Object> sealed(String customerId, CatalogApp app, Map<String, Object> settings) {
        Map<String, Object> out = new LinkedHashMap<>(settings);
        if (app.installFields() != null) {
            for (CatalogApp.InstallField f : app.installFields()) {
                if ("password".equals(f.type()) && out.get(f.key()) instanceof String value
                        && !SecretBox.isSealed(value)) {
                    out.put(f.key(), secrets.seal(value, context(customerId, app.id(), f.key())));
                }
            }
        }
        return out;
    }

    /** The settings as the controller needs them: sealed values opened. */
    private Map<String, Object> opened(AppPinEntity pin, Map<String, Object> settings) {
        Map<String, Object> out = new LinkedHashMap<>(settings);
        out.replaceAll((key, value) -> value instanceof String text && SecretBox.isSealed(text)
                ? secrets.open(text, context(pin.customerId, pin.appId, key)) : value);
        return out;
    }

    private static String context(String customerId, String appId, String key) {
        return "app-pin:" + customerId + ":" + appId + ":settings." + key;
    }

    /** Every setting names an install field and has its type; required fields without a default are given. */
    private static Map<String, Object> checked(CatalogApp app, Map<String, Object> settings) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, CatalogApp.InstallField> fields = new LinkedHashMap<>();
        if (app.installFields() != null) {
            app.installFields().forEach(f -> fields.put(f.key(), f));
        }
        for (Map.Entry<String, Object> s : settings.entrySet()) {
            CatalogApp.InstallField field = fields.get(s.getKey());
            if (field == null) {
                errors.add(new Problem.FieldError("settings." + s.getKey(), "app " + app.id() + " " + app.version()
                        + " has no install field '" + s.getKey() + "' (fields: " + fields.keySet() + ")"));
            } else if (s.getValue() == null || !InstallFieldTypes.accepts(field.type(), field.choices(), s.getValue())) {
                errors.add(new Problem.FieldError("settings." + s.getKey(), "must be a " + field.type()
                        + (field.choices() == null ? "" : " of " + field.choices())));
            }
        }
        for (CatalogApp.InstallField f : fields.values()) {
            if (Boolean.TRUE.equals(f.required()) && f.defaultValue() == null && !settings.containsKey(f.key())) {
                errors.add(new Problem.FieldError("settings." + f.key(), "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.problem(ProblemType.INVALID_FIELDS, errors.stream()
                    .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""))
                    .withErrors(errors));
        }
        return settings;
    }

    private PinnedAppView view(AppPinEntity pin, CatalogApp app) {
        Map<String, Object> shown = new LinkedHashMap<>(read(pin.settings));
        if (app != null && app.installFields() != null) {
            for (CatalogApp.InstallField f : app.installFields()) {
                if ("password".equals(f.type()) && shown.containsKey(f.key())) {
                    shown.put(f.key(), "(set)");
                }
            }
        }
        return new PinnedAppView(pin.customerId, pin.appId, pin.version, shown, pin.pinnedAt, pin.pinnedBy);
    }

    private String json(Map<String, Object> settings) {
        try {
            return mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pin settings are not readable", e);
        }
    }
}
