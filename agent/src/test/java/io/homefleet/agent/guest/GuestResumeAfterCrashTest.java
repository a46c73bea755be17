package io.homefleet.agent.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.agent.localapi.auth.LocalApiCredentials;
import io.homefleet.agent.proxmox.PveshProxmoxApi;
import io.homefleet.agent.testsupport.AgentTestEnvironment;
import io.homefleet.agent.testsupport.TestEnv;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
import io.homefleet.service.hubclient.HubHttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A daemon that died mid-step picks the guest up at its next start and finishes it. */
class GuestResumeAfterCrashTest {
    private AgentTestEnvironment environment;
    private AgentConfig config;

    @BeforeEach
    void environment() {
        environment = new AgentTestEnvironment();
        config = AgentConfigLoader.load(Path.of(environment.start().get("homefleet.agent.config-file")));
    }

    @AfterEach
    void stop() {
        environment.stop();
    }

    private GuestService newDaemon() throws java.io.IOException {
        return new GuestService(config, HubHttpClient.create(config.hub().connection()), new PveshProxmoxApi(config.proxmox().pvesh(), config.proxmox().node()),
                new LocalApiCredentials(config));
    }

    @Test
    void aStepLeftRunningByACrashIsResumedAtStart() throws Exception {
        GuestProvisionRequest request = new GuestProvisionRequest(9600, TestEnv.GOLDEN_ARCHIVE,
                new GuestProvisionRequest.Customer("crash-test", "crash-test.example.eu", "Crash Test"), "crash-test", null);
        ProvisioningJournal journal = new ProvisioningJournal(config.stateDir().resolve("guests"));
        journal.start(request, "local-lvm");
        journal.mark(9600, "customer_key", "running", null); // the previous daemon died here
        environment.placeOnHub("crash-test", 9600);

        GuestService restarted = newDaemon();
        restarted.resumeInterrupted();
        GuestProvisioningStatus status = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            status = restarted.status(9600).orElseThrow();
            if (status.state().equals("done") || status.state().equals("failed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("done", status.state(), String.valueOf(status));
        assertTrue(status.steps().stream().allMatch(s -> s.state().equals("done")));
        assertTrue(status.steps().get(0).detail().contains("issued by the hub"), status.steps().get(0).detail());
    }
}
