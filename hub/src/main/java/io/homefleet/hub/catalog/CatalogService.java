package io.homefleet.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The catalog's versions: import, list, read, delete. Every change notifies desired-state caches (a trigger). */
@ApplicationScoped
public class CatalogService {
    @Inject
    CatalogImporter importer;

    @Inject
    ObjectMapper mapper;

    /** Imports a new version; 409 when this id already has this version. */
    @Transactional
    public CatalogApp importApp(String yaml, String importedBy) {
        CatalogApp app = importer.importCompose(yaml, Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (CatalogAppEntity.count("appId = ?1 and version = ?2", app.id(), app.version()) > 0) {
            throw ProblemException.conflict("app '" + app.id() + "' already has version " + app.version()
                    + "; give the new file another version");
        }
        CatalogAppEntity e = new CatalogAppEntity();
        e.appId = app.id();
        e.version = app.version();
        e.format = app.format();
        e.app = json(app);
        e.importedAt = app.importedAt();
        e.importedBy = importedBy;
        try {
            e.persistAndFlush();
        } catch (PersistenceException race) {
            if (SqlFailures.classify(race) == SqlFailures.Kind.CONFLICT) {
                throw ProblemException.conflict("app '" + app.id() + "' already has version " + app.version());
            }
            throw race;
        }
        return app;
    }

    /** Every app, newest version first within each, apps by id. */
    public Map<String, List<CatalogApp>> all() {
        Map<String, List<CatalogApp>> byId = new TreeMap<>();
        for (CatalogAppEntity e : CatalogAppEntity.<CatalogAppEntity>listAll()) {
            byId.computeIfAbsent(e.appId, k -> new ArrayList<>()).add(read(e.app));
        }
        Map<String, List<CatalogApp>> sorted = new LinkedHashMap<>();
        byId.forEach((id, versions) -> {
            versions.sort(Comparator.comparing(CatalogApp::version, Versions.ORDER).reversed());
            sorted.put(id, versions);
        });
        return sorted;
    }

    /** The newest version of every app: what a controller may install. */
    public List<CatalogApp> newest() {
        return all().values().stream().map(v -> v.get(0)).toList();
    }

    public List<CatalogApp> versions(String id) {
        List<CatalogApp> versions = new ArrayList<>(CatalogAppEntity.<CatalogAppEntity>list("appId", id).stream()
                .map(e -> read(e.app)).toList());
        if (versions.isEmpty()) {
            throw CatalogImporter.notFound(id);
        }
        versions.sort(Comparator.comparing(CatalogApp::version, Versions.ORDER).reversed());
        return versions;
    }

    public Optional<CatalogApp> version(String id, String version) {
        return CatalogAppEntity.<CatalogAppEntity>find("appId = ?1 and version = ?2", id, version)
                .firstResultOptional().map(e -> read(e.app));
    }

    /** Deletes one version, or every version; 409 while a customer has it pinned. */
    @Transactional
    public void delete(String id, String version) {
        long deleted;
        try {
            deleted = version == null ? CatalogAppEntity.delete("appId", id)
                    : CatalogAppEntity.delete("appId = ?1 and version = ?2", id, version);
            CatalogAppEntity.flush();
        } catch (PersistenceException e) {
            if (SqlFailures.sqlException(e).map(x -> "23503".equals(x.getSQLState())).orElse(false)) {
                throw ProblemException.conflict("app '" + id + "'" + (version == null ? "" : " version " + version)
                        + " is pinned for a customer; unpin it first");
            }
            throw e;
        }
        if (deleted == 0) {
            throw version == null ? CatalogImporter.notFound(id)
                    : ProblemException.of(ProblemType.NOT_FOUND, "app '" + id + "' has no version " + version);
        }
    }

    private String json(CatalogApp app) {
        try {
            return mapper.writeValueAsString(app);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    CatalogApp read(String json) {
        try {
            return mapper.readValue(json, CatalogApp.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored catalog app is not readable", e);
        }
    }
}
