package io.homefleet.sensorproxy.socket;

import com.fasterxml.jackson.databind.JsonNode;

/** What the socket serves: a method name and its parameters in, the response's {@code data} out. */
public interface RpcMethods {
    /** The capabilities a method needs, or null when the method does not exist. */
    java.util.Set<Capability> required(String method);

    JsonNode call(String method, JsonNode params, PeerCredentials peer, PeerAccess access) throws RpcException;
}
