package io.homefleet.service.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks a request's Content-Type against the endpoint's {@code @Consumes} after the caller is authenticated.
 * JAX-RS matches it while routing, before any security check, so an unauthenticated caller would learn each
 * endpoint's media types from 415s; and a body sent with no Content-Type would be read as JSON. So the header is
 * set aside before routing and judged here, once the security check has passed, then put back for the reader.
 */
public class MediaTypeCheck {
    static final String SET_ASIDE = MediaTypeCheck.class.getName() + ".content-type";

    @ServerRequestFilter(preMatching = true)
    public void setAside(ContainerRequestContext context, HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            context.setProperty(SET_ASIDE, contentType);
            request.headers().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    @ServerRequestFilter
    public void judge(ContainerRequestContext context, HttpServerRequest request, ResourceInfo resource) {
        String contentType = (String) context.getProperty(SET_ASIDE);
        if (contentType != null) {
            request.headers().set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        List<MediaType> consumes = consumes(resource);
        if (consumes.isEmpty()) {
            return;
        }
        if (contentType == null) {
            if (hasBody(request)) {
                throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "the request has a body but no Content-Type; send it as " + consumes.get(0));
            }
            return;
        }
        MediaType sent;
        try {
            sent = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "'" + contentType + "' is not a media type; send the body as " + consumes.get(0));
        }
        if (consumes.stream().noneMatch(c -> c.isCompatible(sent))) {
            throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "this endpoint reads " + consumes.get(0) + ", not " + sent.getType() + "/" + sent.getSubtype());
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static List<MediaType> consumes(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return List.of();
        }
        return Arrays.stream(consumes.value())
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .map(MediaType::valueOf)
                .toList();
    }
}
