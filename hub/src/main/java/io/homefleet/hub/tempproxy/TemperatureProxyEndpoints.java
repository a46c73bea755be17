package io.homefleet.hub.tempproxy;

import io.homefleet.common.contract.v1.AuthorizedNode;
import io.homefleet.common.contract.v1.AuthorizedNodes;
import io.homefleet.common.contract.v1.TemperatureProxyRegistered;
import io.homefleet.common.contract.v1.TemperatureProxyRegistration;
import io.homefleet.service.auth.CurrentCaller;
import io.homefleet.service.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.homefleet.hub.config.HubConfig;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemResponses;
import io.homefleet.service.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The sensor proxies' control plane, served under {@code /api/v1/temperature-proxy} and, for proxies and
 * installers written against the seed, under {@code /api/temperature-proxy} (the two subclasses).
 */
@Tag(name = "temperature-proxy", description = "Sensor proxies: registration and their authorized nodes")
public abstract class TemperatureProxyEndpoints {
    private static final Logger LOG = Logger.getLogger(TemperatureProxyEndpoints.class);

    @Inject
    CurrentCaller caller;

    @Inject
    TemperatureProxyService service;

    @Inject
    NodeListRepository nodeLists;

    @Inject
    ListHashes lists;

    @Inject
    PullRecorder pulls;

    @Inject
    PullRateLimiter rateLimiter;

    @Inject
    HubConfig config;

    @POST
    @Path("/register")
    @RolesAllowed(Roles.HOST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register this host's sensor proxy (host key); again to rotate its tokens")
    public Response register(@NotNull(message = "a JSON body is required") @Valid TemperatureProxyRegistration body) {
        String hostId = caller.get().hostId();
        TemperatureProxyRegistered registered = service.register(hostId, body);
        LOG.infof("Sensor proxy of host %s registered (kind %s, instance %s, %d allowed nodes)", hostId,
                body.kind().wireName(), registered.instanceId(), registered.allowedNodes().size());
        return Response.ok(registered).cacheControl(noStore()).build();
    }

    @GET
    @Path("/authorized-nodes")
    @RolesAllowed(Roles.PROXY)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The nodes of this proxy's cluster (X-Proxy-Token or Bearer); If-None-Match → 304")
    public Response authorizedNodes(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String hostId = caller.get().hostId();
        long retryAfter = rateLimiter.acquire(hostId);
        if (retryAfter > 0) {
            int limit = config.temperatureProxy().rateLimitPerMinute();
            return ProblemResponses.builder(ProblemException.problem(ProblemType.RATE_LIMITED,
                                    "at most " + limit + " authorized-nodes pulls per minute per proxy; retry in "
                                            + retryAfter + " s")
                            .with("retry_after_seconds", retryAfter)
                            .with("limit_per_minute", limit))
                    .header("Retry-After", retryAfter).build();
        }
        NodeListRepository.ListState list = registered(hostId, lists.current(hostId));
        if (matches(ifNoneMatch, list.hash())) {
            pulls.record(hostId, list.hash());
            return Response.notModified(new EntityTag(list.hash())).cacheControl(noCache()).build();
        }
        List<AuthorizedNode> nodes = nodeLists.nodes(hostId);
        String hash = AuthorizedNodes.hashOf(nodes);
        if (!hash.equals(list.hash())) {
            // The list changed since its hash was read (or the kept hash was not yet dropped): read it again.
            list = registered(hostId, lists.reload(hostId));
        }
        pulls.record(hostId, hash);
        return Response.ok(new AuthorizedNodes(nodes, hash, service.refreshSeconds(), list.updatedAt()))
                .tag(new EntityTag(hash)).cacheControl(noCache()).build();
    }

    private static NodeListRepository.ListState registered(String hostId,
            Optional<NodeListRepository.ListState> list) {
        return list.orElseThrow(() -> ProblemException.unauthorized("this sensor-proxy "
                + "token's host '" + hostId + "' no longer exists or has no registered proxy; register again"));
    }

    /** If-None-Match: a list of entity tags or {@code *}; weak comparison (RFC 9110), bare hashes tolerated. */
    static boolean matches(String ifNoneMatch, String hash) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(hash)) {
                return true;
            }
        }
        return false;
    }

    private static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        return c;
    }

    private static CacheControl noCache() {
        CacheControl c = new CacheControl();
        c.setNoCache(true);
        c.setNoTransform(false);
        return c;
    }

    /** {@code /api/v1/temperature-proxy/...}. */
    @Path("/api/v1/temperature-proxy")
    public static class V1 extends TemperatureProxyEndpoints {
    }

    /** The seed's paths, {@code /api/temperature-proxy/...}, answering exactly like v1. */
    @Path("/api/temperature-proxy")
    public static class Seed extends TemperatureProxyEndpoints {
    }
}
