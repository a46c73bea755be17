package io.homefleet.service.hubclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.CustomerRequest;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.GuestKeyRequest;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.common.json.Json;
import io.homefleet.service.retry.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link HubApi} over the JDK's {@link HttpClient}: no CDI, no Vert.x, so the same client serves a daemon, a CLI
 * command run before Quarkus starts, and a test; the trust options plug in as an {@code SSLContext}. Redirects are
 * never followed (a token must not travel to another address), answers are read up to the connection's cap.
 */
public final class HubHttpClient implements HubApi {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String ACCEPT = "application/json, " + Problem.MEDIA_TYPE;
    private final HubConnection connection;
    private final HttpClient http;

    private HubHttpClient(HubConnection connection, HttpClient http) {
        this.connection = connection;
        this.http = http;
    }

    /**
     * @throws IllegalArgumentException for a plain http URL that the connection does not allow
     * @throws IOException when the trust options cannot be set up (an unreadable CA file)
     */
    public static HubHttpClient create(HubConnection connection) throws IOException {
        connection.requireSafeScheme();
        HttpClient http = HttpClient.newBuilder()
                .sslContext(connection.trust().sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HubHttpClient(connection, http);
    }

    @Override
    public URI baseUrl() {
        return connection.baseUrl();
    }

    @Override
    public void postHostReport(Credential hostKey, HostReport report) throws HubException {
        call("POST", "/api/v1/hosts/" + segment(report.hostId()) + "/report", hostKey, report, Void.class);
    }

    @Override
    public void createCustomer(Credential operatorToken, CustomerRequest customer) throws HubException {
        call("POST", "/api/v1/customers", operatorToken, customer, Void.class);
    }

    @Override
    public IssuedKey issueCustomerKey(Credential operatorToken, String customerId) throws HubException {
        return required(call("POST", "/api/v1/customers/" + segment(customerId) + "/keys", operatorToken, null,
                IssuedKey.class), "issued-key");
    }

    @Override
    public IssuedKey issueGuestCustomerKey(Credential hostKey, String hostId, int vmid, String customerId)
            throws HubException {
        return required(call("POST", "/api/v1/hosts/" + segment(hostId) + "/guests/" + vmid + "/customer-key",
                hostKey, new GuestKeyRequest(customerId), IssuedKey.class), "issued-key");
    }

    @Override
    public TemperatureProxyRegistered registerTemperatureProxy(Credential hostKey, TemperatureProxyRegistration registration)
            throws HubException {
        TemperatureProxyRegistered registered = required(call("POST", "/api/v1/temperature-proxy/register", hostKey,
                registration, TemperatureProxyRegistered.class), "registration");
        if (registered.ctrlToken() == null || registered.ctrlToken().isBlank()) {
            throw new HubException(HubException.Kind.REJECTED, "the hub's answer was refused: the registration answer "
                    + "has no ctrl_token");
        }
        return registered;
    }

    @Override
    public Conditional<AuthorizedNodes> authorizedNodes(Credential proxyToken, String etag) throws HubException {
        return conditionalGet("/api/v1/temperature-proxy/authorized-nodes", proxyToken, etag, AuthorizedNodes.class);
    }

    @Override
    public <T> Conditional<T> conditionalGet(String path, Credential credential, String etag, Class<T> answerType)
            throws HubException {
        HttpRequest.Builder request = request("GET", path, credential, null);
        if (etag != null) {
            request.header("If-None-Match", quoted(etag));
        }
        Answer answer = send(request.build());
        String answerTag = answer.response.headers().firstValue("ETag").map(HubHttpClient::unquoted).orElse(null);
        if (answer.status() == 304 && etag != null) {
            return Conditional.notModified(answerTag == null ? etag : answerTag);
        }
        String name = documentName(answerType);
        return new Conditional<>(required(decode(answer, answerType, name), name), answerTag);
    }

    @Override
    public <T> T call(String method, String path, Credential credential, Object body, Class<T> answer) throws HubException {
        return decode(send(request(method, path, credential, body).build()), answer, documentName(answer));
    }

    @Override
    public String getText(String path, Credential credential) throws HubException {
        HttpRequest request = request("GET", path, credential, null)
                .setHeader("Accept", "application/yaml, text/yaml, text/plain, " + Problem.MEDIA_TYPE).build();
        return new String(send(request).body, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String method, String path, Credential credential, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.baseUrl() + path))
                .timeout(connection.timeout())
                .header("Accept", ACCEPT)
                .header("User-Agent", connection.userAgent());
        if (credential != null) {
            request.header(credential.header(), credential.value());
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Sends and reads the answer; any status outside 2xx and 304 becomes a {@link HubException}. */
    private Answer send(HttpRequest request) throws HubException {
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(connection.maxAnswerBytes() + 1);
            }
        } catch (IOException e) {
            throw new HubException(HubException.Kind.UNREACHABLE, "cannot reach the hub at " + connection.baseUrl()
                    + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.UNREACHABLE, "interrupted while calling the hub");
        }
        int status = response.statusCode();
        if (body.length > connection.maxAnswerBytes()) {
            throw new HubException(HubException.Kind.REJECTED, status, "the hub's answer was refused: it is larger than "
                    + connection.maxAnswerBytes() + " bytes", null, null);
        }
        Answer answer = new Answer(response, body);
        if ((status >= 200 && status < 300) || status == 304) {
            return answer;
        }
        throw ProblemAnswers.toException(status, body, response.headers().firstValue("Retry-After")
                .flatMap(RetryAfter::parse).orElse(null));
    }

    private static <T> T decode(Answer answer, Class<T> type, String documentName) throws HubException {
        if (type == Void.class || answer.body.length == 0 || answer.status() == 304) {
            return null;
        }
        try {
            return JSON.readValue(answer.body, type);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.REJECTED, answer.status(), "the hub's answer was refused: not a "
                    + "valid " + documentName + " document: " + firstLine(e.getMessage()), null, null);
        }
    }

    private static <T> T required(T value, String documentName) throws HubException {
        if (value == null) {
            throw new HubException(HubException.Kind.REJECTED, "the hub's answer was refused: no " + documentName
                    + " document in it");
        }
        return value;
    }

    private static String documentName(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") || etag.startsWith("W/") ? etag : "\"" + etag + "\"";
    }

    private static String unquoted(String etag) {
        String e = etag.startsWith("W/") ? etag.substring(2) : etag;
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    /** The exception's class and the first message found along its causes (TLS failures nest theirs). */
    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private record Answer(HttpResponse<InputStream> response, byte[] body) {
        int status() {
            return response.statusCode();
        }
    }
}
