package io.homefleet.common.contract.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of an app in the hub's catalog, as imported from a Compose file with an {@code x-homefleet} or an
 * {@code x-casaos} block ({@code POST /api/v1/catalog/apps}) and as controllers receive it in their desired state.
 * Texts are keyed by language ({@code hu}, {@code en}, ...). {@code compose} is the Compose file the controller runs:
 * the imported one after the hub's checks, without the store blocks, with host paths inside the app's data
 * directory.
 */
@ContractRecord
@Schema(description = "One version of a catalog app")
public record CatalogApp(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
        @NotNull @Pattern(regexp = VERSION, message = VERSION_MESSAGE) String version,
        @NotNull @Pattern(regexp = "^(homefleet|casaos)$", message = "must be homefleet or casaos")
        @Schema(description = "the block it was imported from: homefleet (x-homefleet) or casaos (x-casaos)")
        String format,
        @NotNull @Size(min = 1, max = 255) @Schema(description = "the service that serves the web UI") String main,
        @Min(1) @Max(65535) @Schema(description = "published port of the web UI; absent for apps without one")
        Integer webPort,
        @Size(max = 16) String scheme,
        @Size(max = 1024) String index,
        @NotEmpty Map<@NotNull @Size(max = 16) String, @NotNull String> title,
        Map<@NotNull @Size(max = 16) String, @NotNull String> tagline,
        Map<@NotNull @Size(max = 16) String, @NotNull String> description,
        @Size(max = 64) String category,
        @Size(max = 2048) String icon,
        @Size(max = 64) List<@Valid @NotNull InstallField> installFields,
        @Valid Backup backup,
        @NotEmpty @Size(max = 64) List<@Valid @NotNull Service> services,
        @Schema(description = "what the import changed or recommends, one per field (e.g. an image not pinned by "
                + "digest, a device mapping a de-privileged guest cannot have)")
        List<@Valid @NotNull Notice> notices,
        Instant importedAt,
        @NotNull @Schema(description = "the Compose file to run (YAML)") String compose) {

    /** App ids: lower-case letters, digits, '.', '_' and '-' (reverse-domain ids such as org.icewhale.gitea fit). */
    public static final String ID = "^[a-z0-9]([a-z0-9._-]{0,126}[a-z0-9])?$";
    public static final String ID_MESSAGE =
            "must be 1-128 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit";
    /** Versions: numeric dot-separated, optional leading v, optional -pre-release and +build (semantic versions). */
    public static final String VERSION =
            "^v?[0-9]{1,9}(\\.[0-9]{1,9}){0,3}(-[0-9A-Za-z.-]{1,40})?(\\+[0-9A-Za-z.-]{1,40})?$";
    public static final String VERSION_MESSAGE =
            "must be a version such as 1.2.3, v0.107.76 or 2.0.0-rc.1 (digits and dots, optional -pre-release)";

    @ContractRecord
    public record Service(
            @NotNull @Size(min = 1, max = 255) String name,
            @NotNull @Size(min = 1, max = 1024) String image,
            @Schema(description = "true when the image is pinned by digest (@sha256:...)") boolean pinned,
            List<@Valid @NotNull Port> ports,
            List<@Valid @NotNull Volume> volumes,
            List<@Valid @NotNull EnvVar> environment) {
    }

    @ContractRecord
    public record Port(
            @NotNull @Min(1) @Max(65535) Integer target,
            @Min(1) @Max(65535) Integer published,
            @Size(max = 8) String protocol,
            Map<@NotNull String, @NotNull String> description) {
    }

    /** {@code source} is a path inside the app's data directory ({@code ./...}) or a named volume. */
    @ContractRecord
    public record Volume(
            @Size(max = 4096) String source,
            @NotNull @Size(min = 1, max = 4096) String target,
            Boolean readOnly,
            Map<@NotNull String, @NotNull String> description) {
    }

    @ContractRecord
    public record EnvVar(
            @NotNull @Size(min = 1, max = 255) String name,
            @Size(max = 4096) String value,
            Map<@NotNull String, @NotNull String> description) {
    }

    /** A value the operator or customer gives at install time, typed, with a label per language. */
    @ContractRecord
    public record InstallField(
            @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{0,63}$", message = "must be a-z, 0-9 and '_', starting "
                    + "with a letter") String key,
            @NotNull @Pattern(regexp = "^(string|password|integer|boolean|choice)$",
                    message = "must be string, password, integer, boolean or choice") String type,
            @NotEmpty Map<@NotNull String, @NotNull String> label,
            Boolean required,
            @Schema(description = "the value used when none is given") Object defaultValue,
            @Size(max = 64) List<@NotNull String> choices,
            @Size(max = 255) @Schema(description = "the environment variable of the main service it sets") String env) {
    }

    /** What to back up: paths inside the app's data directory, and a command that dumps its database first. */
    @ContractRecord
    public record Backup(
            @Size(max = 64) List<@NotNull @Size(min = 1, max = 4096) String> paths,
            @Valid Dump dump) {
    }

    @ContractRecord
    public record Dump(
            @NotNull @Size(min = 1, max = 255) String service,
            @NotNull @Size(min = 1, max = 4096) String command,
            @Size(max = 4096) @Schema(description = "file inside the data directory the command writes") String output) {
    }

    /** One remark of the import about one field (JSON-pointer-like dotted path). */
    @ContractRecord
    public record Notice(@NotNull String field, @NotNull String message) {
    }
}
