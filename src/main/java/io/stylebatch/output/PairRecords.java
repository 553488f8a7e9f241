package io.stylebatch.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stylebatch.storage.Json;
import io.stylebatch.storage.ObjectStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the per-pair completion records ({@link OutputLayout#pairRecord}): a finished
 * pair's outcome with its loss log, as JSON, written atomically right after its image.
 */
public final class PairRecords {
  private static final Logger LOG = LoggerFactory.getLogger(PairRecords.class);
  private static final Pattern CAMEL_HUMP = Pattern.compile("[A-Z]");
  private static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

  private PairRecords() {}

  public static void write(ObjectStore store, OutputLayout layout, PairOutcome outcome) throws IOException {
    store.writeAtomically(layout.pairRecord(outcome.id()), Json.bytes(outcome));
  }

  /** The record of {@code id}, or null if there is none or it cannot be read. */
  public static PairOutcome read(ObjectStore store, OutputLayout layout, String id) {
    try {
      return parse(store.readAll(layout.pairRecord(id), MAX_RECORD_BYTES));
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.warn("completion record of pair {} cannot be read; the pair is computed again", id, e);
      return null; // a damaged record only costs a recomputation
    }
  }

  /** A record as written now (snake_case) or by earlier versions, whose names were camelCase. */
  static PairOutcome parse(byte[] json) throws IOException {
    JsonNode tree = Json.tree(json);
    return Json.read(tree.has("contentUri") || tree.has("outputUri") ? snakeCase(tree) : tree, PairOutcome.class);
  }

  private static JsonNode snakeCase(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode renamed = JsonNodeFactory.instance.objectNode();
      object.fields().forEachRemaining(e -> renamed.set(
          CAMEL_HUMP.matcher(e.getKey()).replaceAll(m -> "_" + m.group().toLowerCase(Locale.ROOT)),
          snakeCase(e.getValue())));
      return renamed;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode renamed = JsonNodeFactory.instance.arrayNode();
      array.forEach(element -> renamed.add(snakeCase(element)));
      return renamed;
    }
    return node;
  }
}
