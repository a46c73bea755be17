package io.homefleet.controller.web;

import io.homefleet.common.contract.v1.ControllerReport;

/** The guest system (this controller's own container) from the latest report: CPU, memory, disk, load, uptime. */
public record GuestCard(String cpu, String memory, int memoryMeter, String disk, int diskMeter, String load, String uptime) {

    public static GuestCard of(ControllerReport.SystemStats s, Formats f) {
        ControllerReport.Cpu cpu = s.cpu();
        ControllerReport.Capacity memory = s.memory() == null ? new ControllerReport.Capacity(null, null) : s.memory();
        ControllerReport.Capacity disk = s.disk() == null ? new ControllerReport.Capacity(null, null) : s.disk();
        ControllerReport.Load load = s.load() == null ? new ControllerReport.Load(null, null, null) : s.load();
        return new GuestCard(
                cpu == null ? Formats.MISSING : f.msg().cpu_value(f.percent(cpu.percent()), f.count(cpu.cores())),
                f.usedOf(memory.used(), memory.total()),
                Formats.meter(memory.used(), memory.total()),
                f.usedOf(disk.used(), disk.total()),
                Formats.meter(disk.used(), disk.total()),
                f.load(load.load1()) + " / " + f.load(load.load5()) + " / " + f.load(load.load15()),
                f.duration(s.uptime()));
    }
}
