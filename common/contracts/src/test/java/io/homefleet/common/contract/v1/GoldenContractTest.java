package io.homefleet.common.contract.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.json.Json;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden v1 file still deserializes, round-trips unchanged, ignores unknown fields and validates. */
class GoldenContractTest {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static Stream<Arguments> goldenFiles() {
        return Stream.of(
                Arguments.of("controller-report.json", ControllerReport.class),
                Arguments.of("event.json", Event.class),
                Arguments.of("host-report.json", HostReport.class),
                Arguments.of("temperature-snapshot.json", TemperatureSnapshot.class),
                Arguments.of("problem.json", Problem.class),
                Arguments.of("customer-request.json", CustomerRequest.class),
                Arguments.of("host-request.json", HostRequest.class),
                Arguments.of("issued-key.json", IssuedKey.class),
                Arguments.of("guest-key-request.json", GuestKeyRequest.class),
                Arguments.of("disk-inventory.json", DiskInventory.class),
                Arguments.of("disk-format-request.json", DiskFormatRequest.class),
                Arguments.of("disk-format-result.json", DiskFormatResult.class),
                Arguments.of("guest-bootstrap.json", GuestBootstrap.class),
                Arguments.of("guest-provision-request.json", GuestProvisionRequest.class),
                Arguments.of("guest-provisioning-status.json", GuestProvisioningStatus.class),
                Arguments.of("host-metrics.json", HostMetrics.class),
                Arguments.of("temperature-proxy-registration.json", TemperatureProxyRegistration.class),
                Arguments.of("temperature-proxy-registered.json", TemperatureProxyRegistered.class),
                Arguments.of("authorized-nodes.json", AuthorizedNodes.class),
                Arguments.of("sensor-proxy-request.json", SensorProxyRequest.class),
                Arguments.of("sensor-proxy-response.json", SensorProxyResponse.class),
                Arguments.of("sensor-proxy-response-error.json", SensorProxyResponse.class),
                Arguments.of("temperature-sweep.json", TemperatureSweep.class),
                Arguments.of("sensor-proxy-status.json", SensorProxyStatus.class),
                Arguments.of("controller-report-sync.json", ControllerReport.class),
                Arguments.of("catalog-app.json", CatalogApp.class),
                Arguments.of("desired-state.json", DesiredState.class),
                Arguments.of("customer-preferences.json", CustomerPreferences.class));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("goldenFiles")
    void goldenFileRoundTripsUnchanged(String file, Class<?> type) throws IOException {
        JsonNode golden = read(file);
        Object record = MAPPER.treeToValue(golden, type);
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(record));
        assertEquals(golden, written, () -> file + " changed on the way through " + type.getSimpleName());
    }

    @ParameterizedTest(name = "{0} ignores unknown fields")
    @MethodSource("goldenFiles")
    void unknownFieldsAreIgnored(String file, Class<?> type) throws IOException {
        ObjectNode withExtras = (ObjectNode) read(file);
        Object plain = MAPPER.treeToValue(withExtras, type);
        withExtras.put("added_in_a_later_minor_version", "ignored");
        withExtras.putObject("another_new_block").put("x", 1);
        Object extended = MAPPER.treeToValue(withExtras, type);
        if (type == Problem.class) {
            // A problem's unknown members are its extensions; the defined members must be unaffected.
            Problem p = (Problem) extended;
            assertEquals(((Problem) plain).detail(), p.detail());
            assertEquals(((Problem) plain).status(), p.status());
        } else {
            assertEquals(plain, extended);
        }
    }

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("goldenFiles")
    void goldenFileSatisfiesItsConstraints(String file, Class<?> type) throws IOException {
        Object record = MAPPER.treeToValue(read(file), type);
        assertNotNull(record);
        assertTrue(VALIDATOR.validate(record).isEmpty(), () -> VALIDATOR.validate(record).toString());
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = GoldenContractTest.class.getResourceAsStream("/contracts/v1/" + file)) {
            assertNotNull(in, "missing golden file " + file);
            return MAPPER.readTree(in);
        }
    }
}
