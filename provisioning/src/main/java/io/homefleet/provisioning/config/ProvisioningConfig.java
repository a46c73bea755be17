package io.homefleet.provisioning.config;

import io.homefleet.service.config.EdgeConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * provisioning.yaml and server-types.yaml as last read. Both are checked for changes every
 * {@code homefleet.provisioning.config-reload-interval}; a changed file that does not load keeps the last good
 * configuration in use, and {@link #problem()} (shown in health) says what is wrong until it is fixed. At start a
 * broken file stops the service: there is no last good one yet.
 */
@Startup
@ApplicationScoped
public class ProvisioningConfig {
    private static final Logger LOG = Logger.getLogger(ProvisioningConfig.class);
    private static final EdgeConfigLoader<ProvisioningFile> FILE_LOADER =
            EdgeConfigLoader.builder("provisioning", ProvisioningFile.class).fileRequired()
                    .checks(ProvisioningFile::problems).build();
    private static final EdgeConfigLoader<ServerTypesFile> TYPES_LOADER =
            EdgeConfigLoader.builder("provisioning-server-types", ServerTypesFile.class).fileRequired()
                    .checks(ServerTypesFile::problems).build();

    /** What is in use, read together so a reader never sees one file's new version with the other's old one. */
    public record Snapshot(ProvisioningFile file, ServerTypesFile types, Instant loadedAt) {
        public Optional<ServerType> serverType(String key) {
            return Optional.ofNullable(types.serverTypes().get(key));
        }
    }

    @Inject
    ProvisioningSettings settings;

    private volatile Snapshot current;
    private volatile String problem;
    private volatile String seen = "";
    private final CopyOnWriteArrayList<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    @PostConstruct
    void load() {
        Snapshot first = read();
        current = first;
        seen = fingerprint(configFile(), typesFile(first.file()));
        LOG.infof("configuration read from %s and %s (%d server types)", configFile(), typesFile(first.file()),
                first.types().serverTypes().size());
    }

    public Snapshot current() {
        return current;
    }

    /** What is wrong with the files on disk while the last good configuration stays in use; empty when nothing. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public Path configFile() {
        return Path.of(settings.configFile()).toAbsolutePath();
    }

    public Path typesFile(ProvisioningFile file) {
        Path types = file.serverTypesFile();
        return types.isAbsolute() ? types : configFile().resolveSibling(types).normalize();
    }

    /** Called with the new snapshot after every successful reload (the PXE supervisor restarts dnsmasq on change). */
    public void onChange(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    @Scheduled(every = "${homefleet.provisioning.config-reload-interval:2s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reloadIfChanged() {
        reloadIfChangedNow();
    }

    /** Reads both files again when either changed on disk. Answers whether a new configuration is in use. */
    public synchronized boolean reloadIfChangedNow() {
        String now = fingerprint(configFile(), typesFile(current.file()));
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        try {
            Snapshot next = read();
            current = next;
            if (problem != null) {
                LOG.infof("configuration usable again");
            }
            problem = null;
            LOG.infof("configuration reloaded (%d server types)", next.types().serverTypes().size());
            listeners.forEach(l -> l.accept(next));
            return true;
        } catch (InvalidConfigException e) {
            problem = e.getMessage() + "\n(the last good configuration, read at " + current.loadedAt() + ", stays in use)";
            LOG.warn(problem);
            return false;
        }
    }

    private Snapshot read() {
        ProvisioningFile file = FILE_LOADER.load(configFile(), System.getenv());
        ServerTypesFile types = TYPES_LOADER.load(typesFile(file), Map.of());
        return new Snapshot(file, types, Instant.now());
    }

    private static String fingerprint(Path... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try {
                    digest.update(Files.readAllBytes(f));
                } catch (IOException e) {
                    digest.update(("missing:" + f).getBytes());
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
