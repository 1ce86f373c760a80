package io.faultline.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.time.Duration;

/**
 * The project's one JSON mapper: messages, histories, results and the agent contract all go through it.
 * Integers read as Long and lists as List, as the history readers produce them; a Duration is its ISO text
 * ({@code PT30S}); fields a reader does not know are skipped, so a newer writer does not break an older reader.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("faultline")
                    .addSerializer(Duration.class, ToStringSerializer.instance)
                    .addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
                        @Override
                        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Duration.parse(parser.getValueAsString());
                        }
                    }))
            .build();
    /** For files people read: results, reports. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }
}
