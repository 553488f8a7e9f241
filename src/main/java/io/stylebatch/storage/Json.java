package io.stylebatch.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The product's JSON, in one style wherever it is written — completion records, markers, the lease, the summary
 * line, the report's data, benchmark figures: snake_case names; unknown fields are ignored when reading, so a file
 * written by a newer version stays readable. The mapper is configured here once and never handed out.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}

  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static byte[] bytes(Object value) {
    return text(value).getBytes(StandardCharsets.UTF_8);
  }

  public static void write(File file, Object value) throws IOException {
    MAPPER.writeValue(file, value);
  }

  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  public static JsonNode tree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  public static <T> T read(JsonNode json, Class<T> type) throws IOException {
    return MAPPER.treeToValue(json, type);
  }
}
