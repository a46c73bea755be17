package io.homefleet.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.DiskFormatRequest;
import io.homefleet.common.contract.v1.DiskFormatResult;
import io.homefleet.common.contract.v1.DiskInventory;
import io.homefleet.common.contract.v1.GuestBootstrap;
import io.homefleet.common.contract.v1.GuestProvisionRequest;
import io.homefleet.common.contract.v1.GuestProvisioningStatus;
import io.homefleet.common.contract.v1.HostMetrics;
import io.homefleet.common.json.Json;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden v1 examples of the bodies the agent serves or writes (common/src/test/resources/contracts/v1) still
 * deserialize, round-trip unchanged, ignore unknown fields and satisfy their constraints.
 */
class AgentContractGoldenTest {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Path GOLDEN = Path.of("..", "common", "src", "test", "resources", "contracts", "v1");
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    static Stream<Arguments> goldenFiles() {
        return Stream.of(
                Arguments.of("disk-inventory.json", DiskInventory.class),
                Arguments.of("disk-format-request.json", DiskFormatRequest.class),
                Arguments.of("disk-format-result.json", DiskFormatResult.class),
                Arguments.of("guest-bootstrap.json", GuestBootstrap.class),
                Arguments.of("guest-provision-request.json", GuestProvisionRequest.class),
                Arguments.of("guest-provisioning-status.json", GuestProvisioningStatus.class),
                Arguments.of("host-metrics.json", HostMetrics.class));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("goldenFiles")
    void roundTripsUnchanged(String file, Class<?> type) throws IOException {
        JsonNode golden = read(file);
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(MAPPER.treeToValue(golden, type)));
        assertEquals(golden, written, () -> file + " changed on the way through " + type.getSimpleName());
    }

    @ParameterizedTest(name = "{0} ignores unknown fields")
    @MethodSource("goldenFiles")
    void ignoresUnknownFields(String file, Class<?> type) throws IOException {
        ObjectNode extended = (ObjectNode) read(file);
        Object plain = MAPPER.treeToValue(extended, type);
        extended.put("added_in_a_later_minor_version", "ignored");
        assertEquals(plain, MAPPER.treeToValue(extended, type));
    }

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("goldenFiles")
    void satisfiesItsConstraints(String file, Class<?> type) throws IOException {
        Object record = MAPPER.treeToValue(read(file), type);
        assertTrue(VALIDATOR.validate(record).isEmpty(), () -> VALIDATOR.validate(record).toString());
    }

    private static JsonNode read(String file) throws IOException {
        return MAPPER.readTree(Files.readString(GOLDEN.resolve(file)));
    }
}
