package org.stowage.engine.internal.json;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.stowage.engine.internal.repo.BlobId;

/**
 * The one JSON mapping of the repository format (trees, snapshots, index files, config, keys). Deterministic:
 * properties in declaration order, nulls omitted, so that equal objects serialize to equal bytes and deduplicate.
 * Blob ids are 64-character hex strings; times are ISO-8601 strings. Unknown properties are ignored, so newer
 * writers may add fields that older readers skip. Thread-safe.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(blobIdModule())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a value from the remaining bytes of {@code json} (the buffer's position is not changed).
     *
     * @throws IOException naming the type when the bytes are not valid JSON for it
     */
    public static <T> T read(ByteBuffer json, Class<T> type) throws IOException {
        ByteBuffer view = json.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return read(bytes, type);
    }

    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IOException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SimpleModule blobIdModule() {
        SimpleModule module = new SimpleModule("stowage-blob-id");
        module.addSerializer(BlobId.class, new JsonSerializer<>() {
            @Override
            public void serialize(BlobId id, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(id.hex());
            }
        });
        module.addDeserializer(BlobId.class, new JsonDeserializer<>() {
            @Override
            public BlobId deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                try {
                    return BlobId.fromHex(parser.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw ctx.weirdStringException(parser.getValueAsString(), BlobId.class, e.getMessage());
                }
            }
        });
        return module;
    }
}
