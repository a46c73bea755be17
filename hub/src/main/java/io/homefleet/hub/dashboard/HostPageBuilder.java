package io.homefleet.hub.dashboard;

import io.homefleet.common.contract.v1.HostReport;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.json.Json;
import io.homefleet.hub.customer.StatusPolicy;
import io.homefleet.hub.host.HostQueries;
import io.homefleet.hub.host.HostView;
import io.homefleet.hub.tempproxy.TemperatureProxyStatus;
import io.homefleet.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The Hosts list and Host page from the API's host queries and each host's latest report. */
@ApplicationScoped
public class HostPageBuilder {
    @Inject
    HostQueries hosts;

    @Inject
    DashboardQueries queries;

    @Inject
    StatusPolicy policy;

    @Inject
    DashboardConfig config;

    public List<HostPageModel.Line> list() {
        Instant now = Instant.now();
        List<HostPageModel.Line> out = new ArrayList<>();
        for (HostView h : hosts.list()) {
            out.add(line(h, parse(queries.latestHostReport(h.id())), now));
        }
        return out;
    }

    public HostPageModel page(String id) {
        Instant now = Instant.now();
        HostView h = hosts.get(id).orElseThrow(() -> ProblemException.notFound("no host '" + id + "'"));
        HostReport r = parse(h.latestReport());
        List<CustomerPageModel.Metric> metrics = new ArrayList<>();
        List<HostPageModel.Disk> disks = new ArrayList<>();
        List<HostPageModel.Guest> guests = new ArrayList<>();
        if (r != null && r.metrics() != null) {
            var m = r.metrics();
            metrics.add(new CustomerPageModel.Metric("Memory", Ages.bytes(m.memoryUsed()) + " of "
                    + Ages.bytes(m.memoryTotal())));
            metrics.add(new CustomerPageModel.Metric("Load", Ages.load(m.load1(), m.load5(), m.load15())));
            metrics.add(new CustomerPageModel.Metric("Root disk", Ages.bytes(m.rootDiskUsed()) + " of "
                    + Ages.bytes(m.rootDiskTotal())));
            if (m.uptime() != null) {
                metrics.add(new CustomerPageModel.Metric("Uptime", Ages.uptime(m.uptime())));
            }
        }
        if (r != null && r.storages() != null) {
            for (var s : r.storages()) {
                Double pct = s.total() == null || s.used() == null || s.total() == 0 ? null
                        : s.used() * 100.0 / s.total();
                disks.add(new HostPageModel.Disk(s.name(), s.type(), Ages.bytes(s.used()), Ages.bytes(s.total()),
                        Ages.percent(pct)));
            }
        }
        if (r != null && r.guests() != null) {
            for (var g : r.guests()) {
                guests.add(new HostPageModel.Guest(g.vmid(), g.name(), g.status(), g.customerId()));
            }
        }
        TemperatureProxyStatus p = h.temperatureProxy();
        List<CustomerPageModel.Metric> proxy = new ArrayList<>();
        proxy.add(new CustomerPageModel.Metric("Registered", p.registered() ? "yes (" + p.kind() + ")" : "no"));
        if (p.registered()) {
            proxy.add(new CustomerPageModel.Metric("Registered at", Ages.utc(p.registeredAt())));
            proxy.add(new CustomerPageModel.Metric("Last pull", Ages.ago(p.lastPullAt(), now)));
            proxy.add(new CustomerPageModel.Metric("Node list", Boolean.TRUE.equals(p.hashCurrent()) ? "current"
                    : "out of date (its last pull is older than the list)"));
        }
        return new HostPageModel(line(h, r, now), metrics, disks, temps(r), guests, proxy);
    }

    private HostPageModel.Line line(HostView h, HostReport r, Instant now) {
        boolean down = h.lastReportAt() == null
                || policy.staleness(h.lastReportAt(), now) == StatusPolicy.Staleness.DOWN;
        String memory = "–";
        String load = "–";
        if (r != null && r.metrics() != null) {
            memory = Ages.bytes(r.metrics().memoryUsed()) + " / " + Ages.bytes(r.metrics().memoryTotal());
            load = r.metrics().load1() == null ? "–" : String.valueOf(r.metrics().load1());
        }
        List<HostPageModel.Temp> temps = temps(r);
        HostPageModel.Temp hottest = temps.stream().filter(HostPageModel.Temp::hottest).findFirst().orElse(null);
        TemperatureProxyStatus p = h.temperatureProxy();
        String proxy = !p.registered() ? "not registered"
                : "pulled " + Ages.ago(p.lastPullAt(), now) + (Boolean.TRUE.equals(p.hashCurrent()) ? ", current"
                : ", out of date");
        return new HostPageModel.Line(h.id(), h.hostname(), h.cluster(), Ages.ago(h.lastReportAt(), now), down,
                h.agentVersion() == null ? "–" : h.agentVersion(), memory, load,
                hottest == null ? "–" : hottest.sensor() + " " + hottest.value(),
                hottest == null ? "ok" : hottest.level(), r == null || r.guests() == null ? 0 : r.guests().size(),
                proxy);
    }

    /** Every reading of the latest report, the hottest marked, each levelled against the thresholds. */
    List<HostPageModel.Temp> temps(HostReport r) {
        List<double[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        TemperatureSnapshot t = r == null ? null : r.temperatures();
        if (t != null) {
            if (t.cpu() != null) {
                if (t.cpu().packageTemp() != null) {
                    names.add("CPU package");
                    values.add(new double[] {t.cpu().packageTemp()});
                }
                if (t.cpu().cores() != null) {
                    for (var c : t.cpu().cores()) {
                        names.add("CPU core " + c.index());
                        values.add(new double[] {c.temp()});
                    }
                }
            }
            if (t.nvme() != null) {
                for (var n : t.nvme()) {
                    names.add("NVMe " + n.device());
                    values.add(new double[] {n.temp()});
                }
            }
            if (t.gpu() != null) {
                for (var g : t.gpu()) {
                    names.add("GPU " + g.device());
                    values.add(new double[] {g.temp()});
                }
            }
            if (t.disks() != null) {
                for (var d : t.disks()) {
                    if (d.temp() != null) {
                        names.add("Disk " + d.device());
                        values.add(new double[] {d.temp()});
                    }
                }
            }
        } else if (r != null && r.metrics() != null && r.metrics().cpuTempC() != null) {
            names.add("CPU");
            values.add(new double[] {r.metrics().cpuTempC()});
        }
        int hottest = -1;
        for (int i = 0; i < values.size(); i++) {
            if (hottest < 0 || values.get(i)[0] > values.get(hottest)[0]) {
                hottest = i;
            }
        }
        List<HostPageModel.Temp> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i)[0];
            String level = v >= config.temperatureCritical() ? "crit" : v >= config.temperatureWarn() ? "warn" : "ok";
            out.add(new HostPageModel.Temp(names.get(i), String.format(Locale.ROOT, "%.0f °C", v), level,
                    i == hottest));
        }
        out.sort(Comparator.comparing(HostPageModel.Temp::hottest).reversed());
        return out;
    }

    private static HostReport parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, HostReport.class);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
