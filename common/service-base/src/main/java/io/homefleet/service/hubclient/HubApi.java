package io.homefleet.service.hubclient;

import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.CustomerRequest;
import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import java.net.URI;

/**
 * The hub's API as other services call it, over the {@code contract.v1} records. Every failure is a
 * {@link HubException} (kind, status, the hub's problem+json and its type, Retry-After); a call never retries by
 * itself, since whether and when to retry is the calling loop's decision (with {@code retry.Backoff}). The
 * credential is passed per call, so a rotated key file is read again without a new client.
 */
public interface HubApi {
    /** The hub this client calls, for logs and status (never with a credential in it). */
    URI baseUrl();

    /** {@code POST /api/v1/hosts/{host_id}/report} with the host key. */
    void postHostReport(Credential hostKey, HostReport report) throws HubException;

    /** {@code POST /api/v1/customers} with an operator token; an existing customer is a 409 REFUSED. */
    void createCustomer(Credential operatorToken, CustomerRequest customer) throws HubException;

    /** {@code POST /api/v1/customers/{id}/keys} with an operator token: a new customer key (earlier ones stay valid). */
    IssuedKey issueCustomerKey(Credential operatorToken, String customerId) throws HubException;

    /**
     * {@code POST /api/v1/hosts/{host_id}/guests/{vmid}/customer-key} with the host key: the key of the customer the
     * operator placed on that guest (the guest's previous key is revoked by the hub); 403 for any other customer.
     */
    IssuedKey issueGuestCustomerKey(Credential hostKey, String hostId, int vmid, String customerId)
            throws HubException;

    /**
     * {@code POST /api/v1/temperature-proxy/register} with the host key; registering again rotates the tokens. An
     * answer without a control token is REJECTED: the proxy could not pull with it.
     */
    TemperatureProxyRegistered registerTemperatureProxy(Credential hostKey, TemperatureProxyRegistration registration)
            throws HubException;

    /**
     * {@code GET /api/v1/temperature-proxy/authorized-nodes} with the proxy's control token; with {@code etag} (the
     * list's hash) sent as {@code If-None-Match}, an unchanged list answers {@link Conditional#isNotModified()}.
     */
    Conditional<AuthorizedNodes> authorizedNodes(Credential proxyToken, String etag) throws HubException;

    /**
     * A conditional {@code GET} of any document: with {@code etag} sent as {@code If-None-Match}, an unchanged document
     * answers {@link Conditional#isNotModified()}; the answer's ETag comes back with the document.
     */
    <T> Conditional<T> conditionalGet(String path, Credential credential, String etag, Class<T> answer)
            throws HubException;

    /**
     * Any other endpoint: {@code method} on {@code path} (below the base URL) with an optional JSON body, answering
     * the decoded 2xx body ({@code null} for {@code Void.class} or an empty body).
     */
    <T> T call(String method, String path, Credential credential, Object body, Class<T> answer) throws HubException;

    /**
     * {@code GET} of a text document that is not JSON (a controller.yaml, with {@code text/yaml} or
     * {@code application/yaml}), answered as the 2xx body decoded as UTF-8; refusals are {@link HubException}s as
     * for every other call.
     */
    String getText(String path, Credential credential) throws HubException;
}
