package io.homefleet.controller.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homefleet.common.contract.v1.ControllerReport;
import io.homefleet.common.contract.v1.HealthStatus;
import io.homefleet.controller.agent.AgentLink;
import io.homefleet.controller.config.ControllerConfig;
import io.homefleet.controller.config.ControllerConfigLoader;
import io.homefleet.controller.hub.ReportBuilder;
import io.homefleet.controller.support.PodmanService;
import io.homefleet.controller.system.ProcSystemStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Containers (name, image, state, health) from Podman's Docker-compatible API, and what the report makes of them. */
class DockerContainersPodmanTest {
    private static PodmanService podman;

    @BeforeAll
    static void startPodman() throws Exception {
        Assumptions.assumeTrue(PodmanService.available(), "podman, runc and busybox-static are installed by CI");
        podman = new PodmanService(Path.of("target", "podman-" + UUID.randomUUID().toString().substring(0, 6))).start();
        podman.runContainer("app-healthy", "true", "sleep", "600");
        podman.runContainer("app-unhealthy", "false", "sleep", "600");
        podman.runContainer("app-done", null, "true");
        podman.waitExited("app-done");
        podman.healthcheck("app-healthy");
        podman.healthcheck("app-unhealthy");
    }

    @AfterAll
    static void stopPodman() {
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void listsEveryContainerWithImageStateAndHealth() throws Exception {
        try (DockerContainers docker = new DockerContainers(podman.socket())) {
            Map<String, ControllerReport.ContainerEntry> byName = docker.list().stream()
                    .collect(Collectors.toMap(ControllerReport.ContainerEntry::name, Function.identity()));
            assertEquals(3, byName.size(), byName.toString());
            assertEquals(PodmanService.IMAGE, byName.get("app-healthy").image());
            assertEquals("running", byName.get("app-healthy").state());
            assertEquals("healthy", byName.get("app-healthy").health());
            assertEquals("unhealthy", byName.get("app-unhealthy").health());
            assertEquals("exited", byName.get("app-done").state());
            assertEquals(null, byName.get("app-done").health());
        }
    }

    @Test
    void theReportSaysWhichContainerIsWrong() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "podman-report-" + UUID.randomUUID()));
        Path file = Files.writeString(home.resolve("controller.yaml"), """
                customer: {id: demo-felhom, name: Demo, domain: demo-felhom.eu}
                hub: {url: "https://hub.example.net", customer_key_file: /nonexistent}
                """);
        ControllerConfig config = ControllerConfigLoader.load(file, Map.of());
        try (DockerContainers docker = new DockerContainers(podman.socket())) {
            ControllerReport report = new ReportBuilder(Clock.systemUTC(), ProcSystemStats.ofThisMachine(),
                    new AgentLink(Clock.systemUTC()), () -> docker, () -> null, () -> null).build(config);
            assertEquals(HealthStatus.FAIL, report.health().status());
            assertTrue(report.health().reasons().contains("container app-unhealthy is unhealthy"),
                    report.health().reasons().toString());
            assertTrue(report.health().reasons().contains("container app-done is exited"));
            assertEquals("https://felhom.demo-felhom.eu", report.controllerUrl());
            assertTrue(report.system().memory().total() > 0 && report.system().uptime() > 0);
        }
    }

    @Test
    void aMissingSocketIsAnErrorNamingIt() throws Exception {
        Path nowhere = Path.of("target", "no-such-docker.sock").toAbsolutePath();
        try (DockerContainers docker = new DockerContainers(nowhere)) {
            IOException e = assertThrows(IOException.class, docker::list);
            assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
        }
    }
}
