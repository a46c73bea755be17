package io.homefleet.hub.dashboard;

import java.util.List;

/** The Hosts list and the Host page. */
public record HostPageModel(Line host, List<CustomerPageModel.Metric> metrics, List<Disk> disks, List<Temp> temps,
                            List<Guest> guests, List<CustomerPageModel.Metric> proxy) {

    /** One host in the list (and the head of its page). */
    public record Line(String id, String hostname, String cluster, String age, boolean down, String agentVersion,
                       String memory, String load, String hottest, String hottestLevel, int guests, String proxy) {
    }

    public record Disk(String name, String type, String used, String total, String percent) {
    }

    /** A sensor reading; level ok, warn or crit against homefleet.dashboard.temperature-*. */
    public record Temp(String sensor, String value, String level, boolean hottest) {
    }

    public record Guest(int vmid, String name, String status, String customerId) {
    }
}
