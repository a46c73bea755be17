package io.homefleet.sensorproxy.socket;

/** A request that cannot be served; {@code code} is the response's {@code error_code}. */
public class RpcException extends Exception {
    private final String code;

    public RpcException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
