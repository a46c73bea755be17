package io.homefleet.common.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.SensorProxyRequest;
import io.homefleet.common.contract.v1.SensorProxyResponse;
import io.homefleet.common.contract.v1.TemperatureSnapshot;
import io.homefleet.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The socket contract's golden files round-trip, ignore unknown fields, and carry a real snapshot. */
class SensorProxyContractGoldenTest {
    private static final ObjectMapper MAPPER = Json.mapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sensor-proxy-request.json, io.homefleet.common.contract.v1.SensorProxyRequest",
            "sensor-proxy-response.json, io.homefleet.common.contract.v1.SensorProxyResponse",
            "sensor-proxy-response-error.json, io.homefleet.common.contract.v1.SensorProxyResponse",
            "temperature-sweep.json, io.homefleet.common.contract.v1.TemperatureSweep",
            "sensor-proxy-status.json, io.homefleet.common.contract.v1.SensorProxyStatus"})
    void roundTripsUnchangedAndIgnoresUnknownFields(String file, Class<?> type) throws IOException {
        JsonNode golden = read(file);
        Object record = MAPPER.treeToValue(golden, type);
        assertEquals(golden, MAPPER.readTree(MAPPER.writeValueAsString(record)));
        ObjectNode extended = golden.deepCopy();
        extended.put("added_later", true);
        assertEquals(record, MAPPER.treeToValue(extended, type));
    }

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
