package io.homefleet.service.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homefleet.common.contract.v1.Problem;
import io.homefleet.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON reader's edge rules on a plain mapper, and the problem each refusal becomes. */
class StrictJsonTest {
    record Inner(String name, Map<String, Object> free) {
    }

    record Outer(String title, Instant at, List<Inner> inner, ObjectNode details) {
    }

    private final ObjectMapper mapper = StrictJson.apply(Json.configure(new ObjectMapper()));

    private Problem refusal(String json) {
        JsonMappingException failure = null;
        try {
            mapper.readValue(json, Outer.class);
        } catch (JsonMappingException e) {
            failure = e;
        } catch (Exception e) {
            return ProblemMappers.jsonProblem((com.fasterxml.jackson.core.JsonProcessingException) e);
        }
        assertTrue(failure != null, "accepted: " + json);
        return ProblemMappers.jsonProblem(failure);
    }

    @Test
    void duplicateKeysAreMalformed() {
        assertThrows(JsonParseException.class, () -> mapper.readValue("{\"title\":\"a\",\"title\":\"b\"}", Outer.class));
        assertEquals(ProblemType.MALFORMED_BODY.uri(), refusal("{\"title\":\"a\",\"title\":\"b\"}").type());
    }

    @Test
    void nulIsRefusedWhereverItIsAndNamesTheField() {
        assertEquals("title", refusal("{\"title\":\"a\\u0000\"}").errors().get(0).field());
        assertEquals("inner[1].name", refusal("{\"inner\":[{\"name\":\"ok\"},{\"name\":\"\\u0000\"}]}")
                .errors().get(0).field());
        assertEquals("inner[0].free.k", refusal("{\"inner\":[{\"free\":{\"k\":\"\\u0000\"}}]}").errors().get(0).field());
        assertTrue(refusal("{\"details\":{\"a\":[\"x\",\"\\u0000\"]}}").detail().contains("a[1]"));
        assertEquals(ProblemType.INVALID_FIELDS.uri(), refusal("{\"title\":\"\\u0000\"}").type());
    }

    @Test
    void timestampsAreHeldToYears1970To9999() throws Exception {
        assertEquals("at", refusal("{\"at\":\"+10000-01-01T00:00:00Z\"}").errors().get(0).field());
        assertEquals("at", refusal("{\"at\":\"1969-12-31T23:59:59Z\"}").errors().get(0).field());
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"),
                mapper.readValue("{\"at\":\"9999-12-31T23:59:59Z\"}", Outer.class).at());
        assertEquals(Instant.EPOCH, mapper.readValue("{\"at\":\"1970-01-01T00:00:00Z\"}", Outer.class).at());
    }

    @Test
    void ordinaryTextIsUntouched() throws Exception {
        Outer outer = mapper.readValue("{\"title\":\"a\\\\u0000 é\",\"details\":{\"k\":\"v\"}}", Outer.class);
        assertEquals("a\\u0000 é", outer.title());
        assertEquals("v", outer.details().get("k").asText());
    }

    @Test
    void theLimitIsWrittenForPeople() {
        assertEquals("1048576 bytes (1 MiB)", BodyLimitFilter.describe(1024 * 1024));
        assertEquals("65536 bytes (64 KiB)", BodyLimitFilter.describe(64 * 1024));
        assertEquals("1000 bytes", BodyLimitFilter.describe(1000));
    }
}
