package io.homefleet.common.contract.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sensor proxy registering with the hub ({@code POST /api/v1/temperature-proxy/register}, host key).
 * {@code proxy_url} is required for {@code kind: http} and meaningless for {@code socket}; the hub checks that
 * pairing and answers 400 when it is wrong.
 */
@ContractRecord
@Schema(description = "A sensor proxy's registration with the hub")
public record TemperatureProxyRegistration(
        @NotBlank @Size(max = 253) @Pattern(regexp = HOSTNAME, message = "must be a hostname")
        @Schema(description = "the host's name as the proxy sees it: its FQDN, short name or Proxmox node name")
        String hostname,
        @Size(max = 2048) @Pattern(regexp = "^https://[^\\s]+$", message = "must be an https:// URL")
        @Schema(description = "where the proxy's HTTPS listener is reached (kind http only)")
        String proxyUrl,
        @NotNull @Schema(description = "socket (Unix socket only) or http (also an HTTPS listener)") Kind kind,
        @Pattern(regexp = FINGERPRINT, message = "must be a SHA-256 fingerprint: 64 hex digits, optionally in "
                + "colon-separated pairs, optionally after sha256:")
        @Schema(description = "SHA-256 of the HTTPS listener's certificate, for clients that pin it: 64 hex digits "
                + "in any case, optionally in colon-separated pairs, optionally after sha256: (or openssl's "
                + "'sha256 Fingerprint=' label); stored and shown as AB:CD:... (upper case, colons)")
        String certFingerprint) {

    public static final String HOSTNAME = "^[A-Za-z0-9][A-Za-z0-9.-]*$";
    /**
     * Every spelling of a SHA-256 certificate fingerprint that service-base's {@code Fingerprint.parse} reads
     * (a test there keeps the two in step): 64 hex digits in any case, optionally in colon-separated pairs,
     * optionally after {@code sha256:}, {@code sha-256:} or openssl's {@code sha256 Fingerprint=}.
     */
    public static final String FINGERPRINT = "^\\s*(?:(?i:sha-?256:|sha256 fingerprint=)\\s*)?"
            + "(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})\\s*$";

    /** How the proxy serves temperatures. */
    public enum Kind {
        @JsonProperty("socket") SOCKET,
        @JsonProperty("http") HTTP;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
