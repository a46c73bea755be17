package io.homefleet.sensorproxy.daemon;

import io.homefleet.sensorproxy.config.LoadedConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;

/** The daemon inside Quarkus: starts the proxy with Quarkus' metrics registry and Vert.x, stops it at shutdown. */
@ApplicationScoped
public class Daemon {
    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private volatile RunningProxy running;

    public synchronized RunningProxy start(LoadedConfig loaded) throws IOException {
        if (running != null) {
            throw new IllegalStateException("already running");
        }
        running = RunningProxy.start(loaded, registry, vertx);
        return running;
    }

    /** The running proxy, or null before start and after stop. */
    public RunningProxy running() {
        return running;
    }

    public synchronized void stop() {
        RunningProxy r = running;
        running = null;
        if (r != null) {
            r.close();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }
}
