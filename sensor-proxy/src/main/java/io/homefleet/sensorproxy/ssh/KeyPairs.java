package io.homefleet.sensorproxy.ssh;

final class KeyPairs {
    static final String ED25519 = "ssh-ed25519";

    private KeyPairs() {
    }
}
