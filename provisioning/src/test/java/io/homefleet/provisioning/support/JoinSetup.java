package io.homefleet.provisioning.support;

import io.homefleet.provisioning.config.ProvisioningConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real hub and one SSH port for the join tests of a test boot; each test gets its own stand-in host on its own
 * loopback address (127.0.0.N) at that port. provisioning.yaml is rewritten to point at them and reloaded.
 */
public final class JoinSetup {
    private static TestHub hub;
    private static int sshPort;
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

    private JoinSetup() {
    }

    public static final String NEW_HOST = """
            new_host:
              authorized_keys_file: authorized_keys
              agent_config_file: etc/homefleet-agent/agent.yaml
              agent_key_file: etc/homefleet-agent/host.key
              agent_state_dir: var/lib/homefleet-agent
            """;

    /** Starts the hub once and points provisioning at it; {@code extra} is appended to provisioning.yaml. */
    public static synchronized void ensure(ProvisioningConfig config, String extra) throws Exception {
        if (hub == null) {
            hub = new TestHub(TestConfigFiles.dir().resolve("hub")).start();
            hub.issueProvisioningKey(TestConfigFiles.dir().resolve("provisioning.key"));
            sshPort = StandInHost.freePort();
            Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
        }
        configure(config, extra);
    }

    public static synchronized void configure(ProvisioningConfig config, String extra) throws Exception {
        String wanted = TestConfigFiles.config(hub.url(), sshPort, NEW_HOST + extra);
        if (!wanted.equals(Files.readString(TestConfigFiles.configFile()))) {
            TestConfigFiles.write(wanted, TestConfigFiles.SERVER_TYPES);
            config.reloadIfChangedNow();
            if (config.problem().isPresent()) {
                throw new IllegalStateException(config.problem().get());
            }
        }
    }

    public static TestHub hub() {
        return hub;
    }

    /** A new stand-in host on its own loopback address, started. */
    public static StandInHost host(String name) {
        String address = "127.0.0." + NEXT_ADDRESS.incrementAndGet();
        Path dir = TestConfigFiles.dir().resolve("hosts").resolve(name);
        return new StandInHost(dir, address, sshPort).start();
    }
}
