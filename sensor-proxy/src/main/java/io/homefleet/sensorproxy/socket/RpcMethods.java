package io.homefleet.sensorproxy.socket;

import com.fasterxml.jackson.databind.JsonNode;

/** What the socket serves: a method name and its parameters in, the response's {@code data} out. */
public interface RpcMethods {
    /** The capabilities a method needs, or null when the method does not exist. */
    java.util.Set<Capability> required(String method);

    /**
     * True for methods that only read (the proxy's state is the same after them): their successful answers are
     * audited without an fsync per request, see {@link io.homefleet.service.audit.Durability#WITHIN_1S}.
     */
    boolean isRead(String method);

    JsonNode call(String method, JsonNode params, PeerCredentials peer, PeerAccess access) throws RpcException;
}
