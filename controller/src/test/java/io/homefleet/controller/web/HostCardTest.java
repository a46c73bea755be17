package io.homefleet.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Szerver állapota (gazdagép)" card from the agent's {@code /host/metrics} as the contract's golden file has it
 * (the seed's live values: CPU package 46 °C, cores, the USB disk's SMART temperature): what the customer reads,
 * in both languages. (The agent on a test machine has no sensors, so the page tests see no temperatures.)
 */
@QuarkusTest
class HostCardTest {

    static HostMetrics golden() throws Exception {
        try (InputStream in = HostCardTest.class.getResourceAsStream("/contracts/v1/host-metrics.json")) {
            return Json.mapper().readValue(in, HostMetrics.class);
        }
    }

    @Test
    void hungarian() throws Exception {
        HostCard card = HostCard.of(golden(), new Formats(Languages.locale("hu"), ZoneId.of("Europe/Budapest"),
                Languages.messages("hu")));
        assertEquals("demo-felhom-01", card.hostId());
        assertEquals("2026. 06. 11. 12:24", card.takenAt());
        assertEquals("2,3 GiB / 15,4 GiB (15,1 %)", card.memory());
        assertEquals("0,42 / 0,35 / 0,3", card.load());
        assertEquals("3 nap 18 óra 4 perc", card.uptime());
        assertEquals("9,9 GiB / 93,9 GiB (10,5 %)", card.rootDisk());
        assertEquals("46 °C", card.cpuPackage());
        assertEquals(List.of(new HostCard.Reading("0. mag", "44 °C"), new HostCard.Reading("1. mag", "46 °C")),
                card.cores());
        assertEquals(List.of(new HostCard.Reading("sdb", "31 °C")), card.disks());
        assertEquals(15, card.memoryMeter());
    }

    @Test
    void english() throws Exception {
        HostCard card = HostCard.of(golden(), new Formats(Languages.locale("en"), ZoneId.of("Europe/Budapest"),
                Languages.messages("en")));
        assertEquals("2.3 GiB / 15.4 GiB (15.1 %)", card.memory());
        assertEquals("3 d 18 h 4 min", card.uptime());
        assertEquals("Core 1", card.cores().get(1).label());
        assertEquals("2026-06-11 12:24", card.takenAt());
    }
}
