package io.homefleet.controller.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.common.file.AtomicFiles;
import io.homefleet.common.json.Json;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.service.hubclient.Credential;
import io.homefleet.service.hubclient.HubException;
import io.homefleet.service.hubclient.HubHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Pulls {@code GET /api/v1/desired-state} every {@code intervals.desired_state} and applies its {@code config} (the
 * controller.yaml values the hub wants) once per revision. The document is read as JSON, not as a contract record,
 * until the hub's contract lands; a hub without the endpoint (404) is tolerated quietly. The applied revision and the
 * ETag are kept in the state directory so a restart neither re-applies nor re-announces a revision.
 */
public final class DesiredStatePull {
    private static final Logger LOG = Logger.getLogger(DesiredStatePull.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** Applies a config change; answers what changed in words, or throws naming what is wrong. */
    public interface Applier {
        void apply(String revision, ObjectNode config) throws Exception;
    }

    private final Supplier<ControllerConfig> config;
    private final Path stateFile;
    private final Applier applier;
    private volatile String appliedRevision;
    /** The last revision acted on, applied or refused: a refused one is announced once, not at every pull. */
    private volatile String seenRevision;
    private volatile String etag;
    private volatile boolean endpointMissingLogged;

    public DesiredStatePull(Supplier<ControllerConfig> config, Path stateFile, Applier applier) {
        this.config = config;
        this.stateFile = stateFile;
        this.applier = applier;
        try {
            if (Files.exists(stateFile)) {
                JsonNode saved = JSON.readTree(stateFile.toFile());
                appliedRevision = saved.path("applied_revision").isTextual() ? saved.get("applied_revision").asText() : null;
                etag = saved.path("etag").isTextual() ? saved.get("etag").asText() : null;
                seenRevision = saved.path("seen_revision").isTextual() ? saved.get("seen_revision").asText()
                        : appliedRevision;
            }
        } catch (IOException e) {
            LOG.warnf("desired state: %s is unreadable (%s); starting without it", stateFile, e.getMessage());
        }
    }

    public String appliedRevision() {
        return appliedRevision;
    }

    /** The revision as the report carries it (the hub's revisions are numbers); null before the first. */
    public Long appliedRevisionNumber() {
        try {
            return appliedRevision == null ? null : Long.valueOf(appliedRevision);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    void pull(HubHttpClient http) throws HubException, IOException {
        Credential key = Credential.bearerFromFile(config.get().hub().customerKeyFile(), TokenKind.CUSTOMER);
        io.homefleet.service.hubclient.Conditional<JsonNode> answer;
        try {
            answer = http.conditionalGet("/api/v1/desired-state", key, etag, JsonNode.class);
        } catch (HubException e) {
            if (e.status() == 404) {
                if (!endpointMissingLogged) {
                    LOG.infof("desired state: the hub has no desired state for this controller yet (HTTP 404); "
                            + "asking again every %s", config.get().intervals().desiredState());
                    endpointMissingLogged = true;
                }
                return;
            }
            throw e;
        }
        if (answer.isNotModified() || !answer.value().isObject()) {
            return;
        }
        JsonNode document = answer.value();
        String revision = document.path("revision").asText(null);
        if (revision == null || revision.equals(seenRevision)) {
            return;
        }
        boolean applied = true;
        if (document.get("config") instanceof ObjectNode wanted) {
            try {
                applier.apply(revision, wanted);
            } catch (Exception e) {
                applied = false;
                LOG.warnf("desired state: revision %s not applied: %s", revision, e.getMessage());
            }
        }
        seenRevision = revision;
        if (applied) {
            appliedRevision = revision;
        }
        etag = answer.etag();
        ObjectNode saved = JSON.createObjectNode().put("applied_revision", appliedRevision)
                .put("seen_revision", seenRevision).put("etag", etag);
        AtomicFiles.writeSecret(stateFile, JSON.writeValueAsBytes(saved));
    }
}
