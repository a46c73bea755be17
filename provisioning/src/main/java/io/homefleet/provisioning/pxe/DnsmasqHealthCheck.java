package io.homefleet.provisioning.pxe;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * PXE's health, in the group {@code /q/health/group/pxe}: DOWN while PXE is enabled but dnsmasq is not answering
 * (machines would not netboot), with dnsmasq's own last words; UP when it runs or PXE is off on purpose. Not part of
 * readiness on purpose: the API and the dashboard keep working without dnsmasq (and the dashboard is where an
 * operator reads why it stopped), so a broken dnsmasq must not take the service out of its load balancer.
 */
@HealthGroup(DnsmasqHealthCheck.GROUP)
@ApplicationScoped
public class DnsmasqHealthCheck implements HealthCheck {
    public static final String GROUP = "pxe";

    @Inject
    PxeService pxe;

    @Override
    public HealthCheckResponse call() {
        DnsmasqStatus status = pxe.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pxe-dnsmasq").status(status.healthy())
                .withData("state", status.state().name().toLowerCase())
                .withData("detail", status.detail())
                .withData("since", status.since().toString())
                .withData("restarts", status.restarts());
        if (status.pid() > 0) {
            response.withData("pid", status.pid());
        }
        status.bootUrl().ifPresent(url -> response.withData("boot_url", url));
        status.lastExitCode().ifPresent(code -> response.withData("last_exit_status", code));
        pxe.settingsProblem().ifPresent(problem -> response.withData("settings_problem", problem));
        DnsmasqLog.Line last = pxe.status().healthy() ? null : lastLine();
        if (last != null) {
            response.withData("last_log_line", last.text());
        }
        return response.build();
    }

    private DnsmasqLog.Line lastLine() {
        var lines = pxe.recentLog(1);
        return lines.isEmpty() ? null : lines.get(0);
    }
}
