package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homefleet.common.contract.v1.SensorProxyRequest;
import io.homefleet.common.contract.v1.SensorProxyResponse;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The socket contract's golden files carry what the parser really produces (their round-trip is in
 * GoldenContractTest with every other golden file).
 */
class SensorProxyContractGoldenTest {
    private static final ObjectMapper MAPPER = Json.mapper();

    @Test
    void responseDataIsATemperatureSnapshotTheParserWouldProduce() throws Exception {
        SensorProxyResponse response = MAPPER.treeToValue(read("sensor-proxy-response.json"), SensorProxyResponse.class);
        TemperatureSnapshot fromGolden = MAPPER.treeToValue(response.data(), TemperatureSnapshot.class);
        TemperatureSnapshot parsed = new SensorsJsonParser().parse(Fixtures.read("monitoring-coretemp-pkg-2cores-nvme.json"),
                "pve1", Instant.parse("2026-11-21T08:00:00Z"), "sensors").snapshot();
        assertEquals(parsed, fromGolden);
        SensorProxyRequest request = MAPPER.treeToValue(read("sensor-proxy-request.json"), SensorProxyRequest.class);
        assertEquals("pve1", request.params().path("node").asText());
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = SensorProxyContractGoldenTest.class.getResourceAsStream("/contracts/v1/" + file)) {
            assertNotNull(in, "missing golden file " + file);
            return MAPPER.readTree(in);
        }
    }
}
