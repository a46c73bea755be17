package io.homefleet.sensorproxy.socket;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** Caps requests in flight: overall, and per peer so one caller cannot take every slot. */
public final class ConcurrencyLimits {
    private final Semaphore global;
    private final int perPeer;
    private final ConcurrentHashMap<String, Semaphore> peers = new ConcurrentHashMap<>();

    public ConcurrencyLimits(int globalMax, int perPeerMax) {
        this.global = new Semaphore(globalMax);
        this.perPeer = perPeerMax;
    }

    public boolean tryEnterGlobal() {
        return global.tryAcquire();
    }

    public void leaveGlobal() {
        global.release();
    }

    public boolean tryEnterPeer(String key) {
        return peers.computeIfAbsent(key, k -> new Semaphore(perPeer)).tryAcquire();
    }

    public void leavePeer(String key) {
        Semaphore s = peers.get(key);
        if (s != null) {
            s.release();
        }
    }
}
