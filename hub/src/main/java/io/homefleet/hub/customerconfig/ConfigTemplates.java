package io.homefleet.hub.customerconfig;

import io.homefleet.common.credential.Tokens;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The controller.yaml template: the newest operator upload, else the default shipped with the hub (version 0). */
@ApplicationScoped
public class ConfigTemplates {
    static final String DEFAULT_RESOURCE = "customerconfig/controller-template.yaml";
    private final String shipped = readShipped();

    @Inject
    CustomerConfigSettings settings;

    /** One version of the template. */
    public record Template(long version, String yaml, String sha256, String uploadedBy, Instant uploadedAt) {
        Map<String, Object> values() {
            return ControllerYaml.readTemplate(yaml);
        }
    }

    public Template current() {
        Optional<ControllerTemplateEntity> newest = ControllerTemplateEntity.find("order by version desc")
                .firstResultOptional();
        return newest.map(ConfigTemplates::of)
                .orElseGet(() -> new Template(0, shipped, "sha256:" + Tokens.sha256Hex(shipped), "hub", null));
    }

    public java.util.List<Template> versions() {
        return ControllerTemplateEntity.<ControllerTemplateEntity>list("order by version").stream()
                .map(ConfigTemplates::of).toList();
    }

    public Optional<Template> version(long version) {
        if (version == 0) {
            return Optional.of(new Template(0, shipped, "sha256:" + Tokens.sha256Hex(shipped), "hub", null));
        }
        return ControllerTemplateEntity.<ControllerTemplateEntity>findByIdOptional(version).map(ConfigTemplates::of);
    }

    /** Stores a new version after checking it; every managed customer's config changes with it. */
    @Transactional
    public Template upload(String yaml, String by) {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.of(ProblemType.INVALID_FIELDS, "the template is empty; send controller.yaml "
                    + "as the body with Content-Type: application/yaml");
        }
        if (yaml.getBytes(StandardCharsets.UTF_8).length > settings.templateMaxBytes()) {
            throw ProblemException.of(ProblemType.BODY_TOO_LARGE, "the template is larger than "
                    + settings.templateMaxBytes() + " bytes").with("limit_bytes", settings.templateMaxBytes());
        }
        ControllerYaml.readTemplate(yaml);
        ControllerTemplateEntity t = new ControllerTemplateEntity();
        t.body = yaml;
        t.sha256 = "sha256:" + Tokens.sha256Hex(yaml);
        t.uploadedBy = by;
        t.uploadedAt = Instant.now();
        t.persistAndFlush();
        return of(t);
    }

    private static Template of(ControllerTemplateEntity t) {
        return new Template(t.version, t.body, t.sha256, t.uploadedBy, t.uploadedAt);
    }

    private static String readShipped() {
        try (InputStream in = ConfigTemplates.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the hub");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ControllerYaml.readTemplate(yaml);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
