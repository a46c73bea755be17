package io.homefleet.service.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * What every service's JSON reader refuses at the edge, before a value reaches a database or a file: a key given
 * twice in one object, a NUL character in any string (PostgreSQL cannot store one; a log line would be cut), and a
 * timestamp outside {@link #EARLIEST} .. {@link #LATEST} (year 10000 cannot be stored). Each is a 400 naming the
 * field, never a failure further in.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** Exclusive: the first instant of year 10000. */
    public static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Runs after the contract settings, so these deserializers take the place of the standard ones. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SimpleModule module = new SimpleModule("homefleet-strict-json");
        module.addDeserializer(String.class, new NulFreeString());
        module.addDeserializer(JsonNode.class, new NulFreeTree<>(JsonNode.class));
        module.addDeserializer(ObjectNode.class, new NulFreeTree<>(ObjectNode.class));
        module.addDeserializer(ArrayNode.class, new NulFreeTree<>(ArrayNode.class));
        module.addDeserializer(Instant.class, new Bounded<>(Instant.class, InstantDeserializer.INSTANT, i -> i));
        module.addDeserializer(OffsetDateTime.class, new Bounded<>(OffsetDateTime.class,
                InstantDeserializer.OFFSET_DATE_TIME, OffsetDateTime::toInstant));
        module.addDeserializer(ZonedDateTime.class, new Bounded<>(ZonedDateTime.class,
                InstantDeserializer.ZONED_DATE_TIME, ZonedDateTime::toInstant));
        return mapper.registerModule(module);
    }

    static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    static JsonMappingException rejected(JsonParser p, String reason) {
        return JsonMappingException.from(p, reason);
    }

    static final class NulFreeString extends StdDeserializer<String> {
        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (hasNul(value)) {
                throw rejected(p, "contains a NUL character (\\u0000), which no text may hold");
            }
            return value;
        }
    }

    static final class NulFreeTree<T extends JsonNode> extends StdDeserializer<T> {
        private final Class<T> type;

        NulFreeTree(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T tree = ((JsonDeserializer<T>) JsonNodeDeserializer.getDeserializer(type)).deserialize(p, ctxt);
            String where = nulIn(tree, "");
            if (where != null) {
                throw rejected(p, (where.isEmpty() ? "" : where + ": ")
                        + "contains a NUL character (\\u0000), which no text may hold");
            }
            return tree;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext ctxt) {
            return type == JsonNode.class ? (T) com.fasterxml.jackson.databind.node.NullNode.getInstance() : null;
        }

        private static String nulIn(JsonNode node, String path) {
            if (node.isTextual()) {
                return hasNul(node.textValue()) ? path : null;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = nulIn(node.get(i), path + "[" + i + "]");
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (node.isObject()) {
                var fields = node.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (hasNul(field.getKey())) {
                        return child;
                    }
                    String found = nulIn(field.getValue(), child);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }

    /** A date-time read by Jackson's own deserializer, then held to the sane range. */
    static final class Bounded<T> extends StdDeserializer<T> {
        private final transient JsonDeserializer<T> standard;
        private final transient java.util.function.Function<T, Instant> instant;

        Bounded(Class<T> type, JsonDeserializer<T> standard, java.util.function.Function<T, Instant> instant) {
            super(type);
            this.standard = standard;
            this.instant = instant;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = standard.deserialize(p, ctxt);
            if (value != null) {
                Instant at = instant.apply(value);
                if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                    throw rejected(p, "'" + value + "' is outside the accepted range (years 1970 to 9999)");
                }
            }
            return value;
        }
    }
}
